package org.wfmagentsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.wfmagentsync.model.RateWindow;

/**
 * Each client token's per-minute budget and {@code Retry-After} pause ({@link RateWindow}), kept for
 * every connector instance on the database: an update reads the token's row under
 * {@code SELECT ... FOR UPDATE}, so instances change it one at a time, and commits what the change
 * made of it. Chosen over a token bucket (bucket4j's PostgreSQL bucket) because the pacer does more
 * than count: it lines its windows up with the server's from a 429 and sends one request to ask
 * whether the server's window moved on; one row holds all of that, and only the instance that is
 * running a sync or replay (one at a time across the cluster, see {@link RunLock}) writes it often.
 */
public final class RateWindowStore {

    private static final String SELECT = "SELECT window_start_ms, sent_in_window, paused_until_ms, pauses, aligned,"
            + " asking FROM rate_window WHERE token_key = ?";
    /** SQLSTATE of a unique key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Clock clock;
    /** Tokens whose row is known to exist. */
    private final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RateWindowStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Applies {@code change} to the token's window (fresh when none is kept) and keeps the result, in one transaction. */
    public RateWindow update(String tokenKey, UnaryOperator<RateWindow> change) {
        if (!known.contains(tokenKey)) {
            insertIfAbsent(tokenKey);
            known.add(tokenKey);
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            RateWindow now = locked(connection, tokenKey);
            if (now == null) {
                throw new IllegalStateException("the rate window of a token was deleted while in use");
            }
            RateWindow next = change.apply(now);
            if (!next.equals(now)) {
                try (PreparedStatement write = connection.prepareStatement("UPDATE rate_window SET window_start_ms = ?,"
                        + " sent_in_window = ?, paused_until_ms = ?, pauses = ?, aligned = ?, asking = ?, updated_at = ?"
                        + " WHERE token_key = ?")) {
                    bind(write, 1, next);
                    write.setString(8, tokenKey);
                    write.executeUpdate();
                }
            }
            return next;
        });
    }

    /** The token's window as kept, or fresh; for reports and tests. */
    public RateWindow read(String tokenKey) {
        return Jdbc.query(dataSource, SELECT, statement -> statement.setString(1, tokenKey),
                RateWindowStore::window).stream().findFirst().orElse(RateWindow.FRESH);
    }

    /** The window's six columns and updated_at, from parameter {@code first} on, in the table's column order. */
    private void bind(PreparedStatement statement, int first, RateWindow window) throws SQLException {
        statement.setLong(first, window.windowStart());
        statement.setInt(first + 1, window.sentInWindow());
        statement.setLong(first + 2, window.pausedUntil());
        statement.setLong(first + 3, window.pauses());
        statement.setBoolean(first + 4, window.aligned());
        statement.setBoolean(first + 5, window.asking());
        statement.setObject(first + 6, OffsetDateTime.now(clock));
    }

    private static RateWindow locked(Connection connection, String tokenKey) throws SQLException {
        return Jdbc.single(connection, SELECT + " FOR UPDATE", statement -> statement.setString(1, tokenKey),
                RateWindowStore::window);
    }

    private static RateWindow window(java.sql.ResultSet row) throws SQLException {
        return new RateWindow(row.getLong(1), row.getInt(2), row.getLong(3), row.getLong(4), row.getBoolean(5),
                row.getBoolean(6));
    }

    /**
     * The token's fresh row unless there is one, in a transaction of its own: when another instance
     * inserts it at the same time, one insert fails on the key and the row is there all the same.
     */
    private void insertIfAbsent(String tokenKey) {
        try {
            Jdbc.inTransaction(dataSource, connection -> {
                insertFresh(connection, tokenKey);
                return null;
            });
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw e;
            }
        }
    }

    private void insertFresh(Connection connection, String tokenKey) throws SQLException {
        RateWindow fresh = RateWindow.FRESH;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rate_window (token_key, window_start_ms,"
                + " sent_in_window, paused_until_ms, pauses, aligned, asking, updated_at)"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM rate_window WHERE token_key = ?)")) {
            insert.setString(1, tokenKey);
            bind(insert, 2, fresh);
            insert.setString(9, tokenKey);
            insert.executeUpdate();
        }
    }
}

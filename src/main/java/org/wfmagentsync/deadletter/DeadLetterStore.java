package org.wfmagentsync.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.wfmagentsync.db.Jdbc;
import org.wfmagentsync.mapping.PresenceEvent;

/**
 * The persistent dead-letter channel's storage. The same event dead-lettered again for the same
 * reason updates its open entry (attempts, last attempt) instead of adding a twin.
 */
public class DeadLetterStore {

    static final int MAX_TEXT = 4000;

    private final DataSource dataSource;

    public DeadLetterStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public synchronized void save(DeadLetter entry) {
        Jdbc.inTransaction(dataSource, connection -> {
            Long existing = openEntryId(connection, entry.eventId(), entry.reason());
            if (existing != null) {
                update(connection, existing, entry);
            } else {
                insert(connection, entry);
            }
            return null;
        });
    }

    public List<DeadLetter> listOpen(int limit) {
        return Jdbc.query(dataSource, "SELECT * FROM dead_letter WHERE status = ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                statement -> {
                    statement.setString(1, DeadLetter.OPEN);
                    statement.setInt(2, limit);
                }, DeadLetterStore::read);
    }

    /** Every entry, open or closed, newest first. */
    public List<DeadLetter> listAll(int limit) {
        return Jdbc.query(dataSource, "SELECT * FROM dead_letter ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                statement -> statement.setInt(1, limit), DeadLetterStore::read);
    }

    public Map<DeadLetterReason, Long> openCountByReason() {
        Map<DeadLetterReason, Long> counts = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counts.put(reason, 0L);
        }
        Jdbc.query(dataSource, "SELECT reason, COUNT(*) FROM dead_letter WHERE status = ? GROUP BY reason",
                statement -> statement.setString(1, DeadLetter.OPEN),
                row -> counts.put(DeadLetterReason.valueOf(row.getString(1)), row.getLong(2)));
        return counts;
    }

    /**
     * Closes the open entries of agents whose state was just delivered: {@code DELIVERED} for the
     * same event, {@code SUPERSEDED} for an older one. Nothing open is then stale.
     */
    public void resolveDelivered(List<PresenceEvent> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE dead_letter SET status ="
                    + " CASE WHEN event_id = ? THEN '" + DeadLetter.DELIVERED + "' ELSE '" + DeadLetter.SUPERSEDED + "' END"
                    + " WHERE agent_id = ? AND status = '" + DeadLetter.OPEN + "'")) {
                for (PresenceEvent event : delivered) {
                    update.setString(1, event.eventId());
                    update.setString(2, event.agentId());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    private static Long openEntryId(Connection connection, String eventId, DeadLetterReason reason) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM dead_letter WHERE event_id = ? AND reason = ? AND status = ?")) {
            statement.setString(1, eventId);
            statement.setString(2, reason.name());
            statement.setString(3, DeadLetter.OPEN);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }

    private static void insert(Connection connection, DeadLetter entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO dead_letter (event_id, agent_id, user_id,"
                + " reason, detail, http_status, response_body, event_json, attempts, first_attempt_at, last_attempt_at,"
                + " run_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, entry.eventId());
            statement.setString(2, entry.agentId());
            statement.setString(3, entry.userId());
            statement.setString(4, entry.reason().name());
            statement.setString(5, cut(entry.detail(), 2000));
            setStatus(statement, 6, entry.httpStatus());
            statement.setString(7, cut(entry.responseBody(), MAX_TEXT));
            statement.setString(8, entry.eventJson());
            statement.setInt(9, entry.attempts());
            statement.setObject(10, entry.firstAttemptAt());
            statement.setObject(11, entry.lastAttemptAt());
            statement.setString(12, entry.runId());
            statement.setString(13, DeadLetter.OPEN);
            statement.executeUpdate();
        }
    }

    private static void update(Connection connection, long id, DeadLetter entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE dead_letter SET detail = ?, http_status = ?,"
                + " response_body = ?, attempts = attempts + ?, last_attempt_at = ?, run_id = ? WHERE id = ?")) {
            statement.setString(1, cut(entry.detail(), 2000));
            setStatus(statement, 2, entry.httpStatus());
            statement.setString(3, cut(entry.responseBody(), MAX_TEXT));
            statement.setInt(4, entry.attempts());
            statement.setObject(5, entry.lastAttemptAt());
            statement.setString(6, entry.runId());
            statement.setLong(7, id);
            statement.executeUpdate();
        }
    }

    private static void setStatus(PreparedStatement statement, int index, Integer status) throws SQLException {
        if (status == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, status);
        }
    }

    static DeadLetter read(ResultSet row) throws SQLException {
        int status = row.getInt("http_status");
        return new DeadLetter(row.getLong("id"), row.getString("event_id"), row.getString("agent_id"),
                row.getString("user_id"), DeadLetterReason.valueOf(row.getString("reason")), row.getString("detail"),
                row.wasNull() ? null : status, row.getString("response_body"), row.getString("event_json"),
                row.getInt("attempts"), row.getObject("first_attempt_at", OffsetDateTime.class),
                row.getObject("last_attempt_at", OffsetDateTime.class), row.getString("run_id"), row.getString("status"));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

package org.wfmagentsync.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.model.Timestamps;

/**
 * The last state Genesys Cloud accepted for each agent and kind of event: what the next run's delta
 * compares against. Presence and routing status have a baseline each, so one kind is never held back
 * or sent again because of the other.
 */
public class DeliveredStateStore {

    /** An older change never overwrites a newer one: a late replay or a slow batch must not send the agent back. */
    private static final Upsert DELIVERED = Upsert.keepingNewest("delivered_state", List.of("agent_id", "kind"),
            "changed_at", "agent_id", "kind", "user_id", "state_key", "status", "event_id", "changed_at", "delivered_at");

    /**
     * The most rows one statement writes. A delivery goes in statements of 64, 32, ... 1 rows (100 =
     * 64 + 32 + 4): a handful of statement texts, each parsed once per connection and then found in
     * the database's statement cache, where a statement per row count would be parsed again and again.
     */
    static final int ROWS_PER_STATEMENT = 64;

    private final DataSource dataSource;
    private final Clock clock;
    private final Dialect dialect;
    /** The statement for 2^i rows at [i], written when first needed (the same text whichever thread writes it). */
    private final String[] upserts = new String[Integer.numberOfTrailingZeros(ROWS_PER_STATEMENT) + 1];

    public DeliveredStateStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.dialect = Dialects.of(dataSource);
    }

    /** Agent id to what Genesys Cloud holds for it in this kind, as {@link #fingerprint(StatusEvent)} gives. */
    public Map<String, String> deliveredStates(EventKind kind) {
        Map<String, String> states = new HashMap<>();
        Jdbc.query(dataSource, "SELECT agent_id, state_key, user_id, status FROM delivered_state WHERE kind = ?",
                statement -> statement.setString(1, kind.name()), row -> states.put(row.getString(1),
                        fingerprint(kind, row.getString(2), row.getString(3), row.getString(4))));
        return states;
    }

    /**
     * What Genesys Cloud holds for these agents, per kind, as {@link #fingerprint(StatusEvent)} gives it;
     * an agent with nothing delivered of a kind is absent from that kind's map. A run asks this a few
     * hundred agents at a time, as the rows come, so the baseline is never read whole.
     */
    public Map<EventKind, Map<String, String>> deliveredStates(Collection<String> agentIds) {
        Map<EventKind, Map<String, String>> states = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            states.put(kind, new HashMap<>());
        }
        if (agentIds.isEmpty()) {
            return states;
        }
        List<String> ids = List.copyOf(agentIds);
        Jdbc.query(dataSource, "SELECT agent_id, kind, state_key, user_id, status FROM delivered_state WHERE agent_id IN ("
                + Jdbc.placeholders(ids.size()) + ")", statement -> Jdbc.bindAll(statement, ids), row -> {
                    EventKind kind = EventKind.valueOf(row.getString(2));
                    return states.get(kind).put(row.getString(1),
                            fingerprint(kind, row.getString(3), row.getString(4), row.getString(5)));
                });
        return states;
    }

    /**
     * What makes an event different from the delivered one of its kind, so that an edited mapping file
     * is delivered too. A presence: the legacy state, the user and the presence definition (the state
     * also sets the status message). A routing status: the user and the status only, since the same
     * status sent again for another legacy state (a call, then its after-call work) changes nothing.
     */
    public static String fingerprint(StatusEvent event) {
        return fingerprint(event.kind(), event.stateKey(), event.userId(), event.status());
    }

    private static String fingerprint(EventKind kind, String stateKey, String userId, String status) {
        return switch (kind) {
            case PRESENCE -> stateKey + '\u0000' + userId + '\u0000' + status;
            case ROUTING_STATUS -> userId + '\u0000' + status;
        };
    }

    /** When the agent's delivered state of this kind changed in the legacy system, if anything was delivered. */
    public Optional<OffsetDateTime> deliveredChangeOf(String agentId, EventKind kind) {
        return Jdbc.query(dataSource, "SELECT changed_at FROM delivered_state WHERE agent_id = ? AND kind = ?",
                statement -> {
                    statement.setString(1, agentId);
                    statement.setString(2, kind.name());
                }, row -> row.getObject(1, OffsetDateTime.class)).stream().findFirst();
    }

    /**
     * Records delivered events (an older change never overwrites a newer one of the same kind) and
     * closes their dead letters, in one transaction. Apart, a crash between the two would leave an
     * entry open for a state Genesys Cloud already holds, and no later run would close it (the agent
     * no longer shows as changed). A request's events go in a few multi-row statements; events that
     * name the same agent and kind more than once (a replay of several entries of one agent) go one
     * row after another, so the newest wins among them too.
     */
    public void recordDelivery(List<StatusEvent> events, DeadLetterStore deadLetters) {
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Jdbc.inTransaction(dataSource, connection -> {
            if (eachAgentAndKindOnce(events)) {
                for (int from = 0; from < events.size(); ) {
                    int size = Math.min(ROWS_PER_STATEMENT, Integer.highestOneBit(events.size() - from));
                    List<StatusEvent> rows = events.subList(from, from + size);
                    from += size;
                    try (PreparedStatement statement = connection.prepareStatement(upsert(size))) {
                        int parameter = 1;
                        for (StatusEvent event : rows) {
                            parameter = bind(statement, parameter, event, now);
                        }
                        statement.executeUpdate();
                    }
                }
            } else {
                try (PreparedStatement statement = connection.prepareStatement(upsert(1))) {
                    for (StatusEvent event : events) {
                        bind(statement, 1, event, now);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
            deadLetters.resolveDelivered(connection, events);
            return null;
        });
    }

    /** The statement for {@code rows} rows, a power of two up to {@link #ROWS_PER_STATEMENT}. */
    private String upsert(int rows) {
        int slot = Integer.numberOfTrailingZeros(rows);
        String sql = upserts[slot];
        if (sql == null) {
            sql = dialect.upsert(DELIVERED, rows);
            upserts[slot] = sql;
        }
        return sql;
    }

    private static boolean eachAgentAndKindOnce(List<StatusEvent> events) {
        Set<String> seen = new HashSet<>(events.size() * 2);
        for (StatusEvent event : events) {
            if (!seen.add(event.kind().name() + '\u0000' + event.agentId())) {
                return false;
            }
        }
        return true;
    }

    /** Binds one event's row from parameter {@code first} on; returns the parameter after it. */
    private static int bind(PreparedStatement statement, int first, StatusEvent event, OffsetDateTime now)
            throws SQLException {
        int parameter = first;
        statement.setString(parameter++, event.agentId());
        statement.setString(parameter++, event.kind().name());
        statement.setString(parameter++, event.userId());
        statement.setString(parameter++, event.stateKey());
        statement.setString(parameter++, event.status());
        statement.setString(parameter++, event.eventId());
        statement.setObject(parameter++, Timestamps.parse(event.eventDateTime()));
        statement.setObject(parameter++, now);
        return parameter;
    }

    /** The deliveries recorded since a time (a run's start), and the latest of them. */
    public Recorded deliveredSince(OffsetDateTime since) {
        return Jdbc.query(dataSource, "SELECT COUNT(*), MAX(delivered_at) FROM delivered_state WHERE delivered_at >= ?",
                statement -> statement.setObject(1, since),
                row -> new Recorded(row.getLong(1), row.getObject(2, OffsetDateTime.class))).get(0);
    }

    /** The deliveries of each kind recorded since a time (a run's start). */
    public Map<EventKind, Long> deliveredSinceByKind(OffsetDateTime since) {
        Map<EventKind, Long> counts = new HashMap<>();
        Jdbc.query(dataSource, "SELECT kind, COUNT(*) FROM delivered_state WHERE delivered_at >= ? GROUP BY kind",
                statement -> statement.setObject(1, since),
                row -> counts.put(EventKind.valueOf(row.getString(1)), row.getLong(2)));
        return counts;
    }
}

package org.wfmagentsync.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.wfmagentsync.model.StatusEvent;

/** The last state Genesys Cloud accepted for each agent: what the next run's delta compares against. */
public class DeliveredStateStore {

    /** An older change never overwrites a newer one: a late replay or a slow batch must not send the agent back. */
    private static final Upsert DELIVERED = Upsert.keepingNewest("delivered_state", "agent_id", "changed_at",
            "agent_id", "user_id", "state_key", "presence_definition_id", "event_id", "changed_at", "delivered_at");

    private final DataSource dataSource;
    private final Clock clock;
    private final String upsert;

    public DeliveredStateStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.upsert = Dialects.of(dataSource).upsert(DELIVERED);
    }

    /** Agent id to what Genesys Cloud holds for it, as {@link #fingerprint(StatusEvent)} gives. */
    public Map<String, String> deliveredStates() {
        Map<String, String> states = new HashMap<>();
        Jdbc.query(dataSource, "SELECT agent_id, state_key, user_id, presence_definition_id FROM delivered_state",
                statement -> { }, row -> states.put(row.getString(1),
                        fingerprint(row.getString(2), row.getString(3), row.getString(4))));
        return states;
    }

    /**
     * What makes an event different from the delivered one: the legacy state, and the user and
     * presence it maps to, so that an edited mapping file is delivered too.
     */
    public static String fingerprint(StatusEvent event) {
        return fingerprint(event.stateKey(), event.userId(), event.status());
    }

    private static String fingerprint(String stateKey, String userId, String presenceDefinitionId) {
        return stateKey + '\u0000' + userId + '\u0000' + presenceDefinitionId;
    }

    /** When the agent's delivered state changed in the legacy system, if anything was delivered for it. */
    public Optional<OffsetDateTime> deliveredChangeOf(String agentId) {
        return Jdbc.query(dataSource, "SELECT changed_at FROM delivered_state WHERE agent_id = ?",
                statement -> statement.setString(1, agentId), row -> row.getObject(1, OffsetDateTime.class))
                .stream().findFirst();
    }

    /**
     * Records delivered events (an older change never overwrites a newer one) and closes their dead
     * letters, in one transaction. Apart, a crash
     * between the two would leave an entry open for a state Genesys Cloud already holds, and no later
     * run would close it (the agent no longer shows as changed).
     */
    public void recordDelivery(List<StatusEvent> events, DeadLetterStore deadLetters) {
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                for (StatusEvent event : events) {
                    statement.setString(1, event.agentId());
                    statement.setString(2, event.userId());
                    statement.setString(3, event.stateKey());
                    statement.setString(4, event.status());
                    statement.setString(5, event.eventId());
                    statement.setObject(6, OffsetDateTime.parse(event.eventDateTime()));
                    statement.setObject(7, now);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            deadLetters.resolveDelivered(connection, events);
            return null;
        });
    }

    /** The deliveries recorded since a time (a run's start), and the latest of them. */
    public Recorded deliveredSince(OffsetDateTime since) {
        return Jdbc.query(dataSource, "SELECT COUNT(*), MAX(delivered_at) FROM delivered_state WHERE delivered_at >= ?",
                statement -> statement.setObject(1, since),
                row -> new Recorded(row.getLong(1), row.getObject(2, OffsetDateTime.class))).get(0);
    }
}

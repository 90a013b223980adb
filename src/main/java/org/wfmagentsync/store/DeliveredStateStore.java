package org.wfmagentsync.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.wfmagentsync.model.StatusEvent;

/** The last state Genesys Cloud accepted for each agent: what the next run's delta compares against. */
public class DeliveredStateStore {

    private static final String MERGE = "MERGE INTO delivered_state t USING (VALUES (?, ?, ?, ?, ?, ?, ?))"
            + " AS s(agent_id, user_id, state_key, presence_definition_id, event_id, changed_at, delivered_at)"
            + " ON t.agent_id = s.agent_id"
            + " WHEN MATCHED AND t.changed_at <= s.changed_at THEN UPDATE SET user_id = s.user_id, state_key = s.state_key,"
            + " presence_definition_id = s.presence_definition_id, event_id = s.event_id, changed_at = s.changed_at,"
            + " delivered_at = s.delivered_at"
            + " WHEN NOT MATCHED THEN INSERT VALUES (s.agent_id, s.user_id, s.state_key, s.presence_definition_id,"
            + " s.event_id, s.changed_at, s.delivered_at)";

    private final DataSource dataSource;
    private final Clock clock;

    public DeliveredStateStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
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
    public java.util.Optional<OffsetDateTime> deliveredChangeOf(String agentId) {
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
            try (PreparedStatement merge = connection.prepareStatement(MERGE)) {
                for (StatusEvent event : events) {
                    merge.setString(1, event.agentId());
                    merge.setString(2, event.userId());
                    merge.setString(3, event.stateKey());
                    merge.setString(4, event.status());
                    merge.setString(5, event.eventId());
                    merge.setObject(6, OffsetDateTime.parse(event.eventDateTime()));
                    merge.setObject(7, now);
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            deadLetters.resolveDelivered(connection, events);
            return null;
        });
    }
}

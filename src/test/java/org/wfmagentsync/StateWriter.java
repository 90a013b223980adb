package org.wfmagentsync;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.store.Database;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;

/**
 * Run in a process of its own by {@link CrashSafetyIT}: opens the state database the way the
 * connector does and stores dead letters and deliveries through the connector's own stores, one
 * after the other, printing each one once its store call has returned, until the process is killed.
 */
final class StateWriter {

    private StateWriter() {
    }

    public static void main(String[] args) {
        DataSource db = Database.open(args[0], "sa", "").dataSource();
        Clock clock = Clock.systemUTC();
        DeadLetterStore deadLetters = new DeadLetterStore(db, clock);
        DeliveredStateStore delivered = new DeliveredStateStore(db, clock);
        for (int i = 1; ; i++) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            String agent = "A" + i;
            String eventId = UUID.nameUUIDFromBytes(agent.getBytes()).toString();
            long id = deadLetters.save(DeadLetter.open(eventId, agent, "user-" + i, DeadLetterReason.REJECTED,
                    "Genesys Cloud answered HTTP 400 for agent " + agent, 400, "{}", "{\"eventId\":\"" + eventId + "\"}",
                    "AVAILABLE", now, 1, now, now, "run-1"),
                    List.of(new Attempt(1, now, 400, "HTTP 400", "run-1"))).id();
            System.out.println("dead-letter " + id);
            StatusEvent event = StatusEvent.presence(UUID.randomUUID().toString(), now.toString(), "user-" + i,
                    "source", "presence", null, "B" + i, "AVAILABLE");
            delivered.recordDelivery(List.of(event), deadLetters);
            System.out.println("delivered B" + i);
            System.out.flush();
        }
    }
}

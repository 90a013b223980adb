package org.wfmagentsync.push;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.StatusEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A batch of a later round knows its own events' earlier attempts, whatever else the round carries. */
class EventBatchTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void a_later_rounds_batch_counts_and_dates_each_event_from_its_own_first_attempt() {
        StatusEvent carriedEvent = event("e1");
        StatusEvent freshEvent = event("e2");
        Map<String, EventBatch.Carry> round = new ConcurrentHashMap<>();
        List<Attempt> earlier = List.of(new Attempt(1, T, 200, "retryable event error: conflict", "run-1"),
                new Attempt(2, T.plusSeconds(1), 200, "retryable event error: conflict", "run-1"));
        round.put("e1", new EventBatch.Carry(2, T, earlier));
        for (int i = 0; i < 1000; i++) {
            round.put("other-" + i, new EventBatch.Carry(1, T.minusHours(1), List.of()));
        }

        EventBatch batch = new EventBatch("run-1", List.of(carriedEvent, freshEvent), 2, round);
        batch.attempt(T.plusSeconds(5));
        round.put("e2", new EventBatch.Carry(7, T.minusDays(1), List.of()));

        assertEquals(3, batch.attemptsOf(carriedEvent));
        assertEquals(T, batch.firstAttemptOf(carriedEvent));
        assertEquals(earlier, batch.historyOf(carriedEvent));
        assertEquals(1, batch.attemptsOf(freshEvent), "what the round carries after the batch was made is not its own");
        assertEquals(T.plusSeconds(5), batch.firstAttemptOf(freshEvent));
        assertEquals(3, batch.mostAttempts());
    }

    @Test
    void a_first_rounds_batch_counts_only_its_own_attempts() {
        StatusEvent event = event("e1");
        EventBatch batch = new EventBatch("run-1", List.of(event), 1, new HashMap<>());
        batch.attempt(T);
        batch.attempt(T.plusSeconds(2));

        assertEquals(2, batch.attemptsOf(event));
        assertEquals(T, batch.firstAttemptOf(event));
    }

    private static StatusEvent event(String id) {
        return StatusEvent.presence(id, T.toString(), "user-" + id, "source", "p-available", null, "agent-" + id,
                "AVAILABLE");
    }
}

package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;

/**
 * Round 2 overlaps round 1: a whole batch of events that came back retryable goes out among round 1's
 * batches, paid and counted as a retry, with its events' history; what does not fill a batch waits for
 * round 2, and what comes back from an early batch waits for round 3 and its backoff. The answers are
 * played here by hand, in the order a test wants, where the route would get them from Genesys Cloud.
 */
class EarlyRetryBatchesTest {

    private static final int BATCH = 10;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SyncMetrics metrics = new SyncMetrics(registry, Map::of);
    private final CountedRunEvents runs = new CountedRunEvents();
    private final Failures failures = new Failures();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void a_whole_batch_of_retryable_events_goes_out_among_round_ones_batches_as_a_retry_with_its_history() {
        RetryBudget budget = new RetryBudget(500, 5);
        PushRounds rounds = rounds(budget, 3);
        Iterator<EventBatch> round1 = firstRound(rounds, 100);

        EventBatch first = sent(round1.next());
        EventBatch second = sent(round1.next());
        comeBackRetryable(rounds, first, first.pending());
        comeBackRetryable(rounds, second, second.pending().subList(0, 5));

        EventBatch early = sent(round1.next());
        assertEquals(2, early.round(), "a round-2 batch, while round 1 still has 80 events to send");
        assertTrue(early.isRetry());
        assertEquals(first.pending(), early.pending(), "the whole batch that came back, in its order");
        assertEquals(2, early.attemptsOf(early.pending().get(0)), "its second attempt, counting round 1's");
        assertEquals(List.of("retryable event error: SCHEDULE_CONFLICT"),
                early.historyOf(early.pending().get(0)).stream().map(Attempt::outcome).toList(),
                "round 1's answer is in its history");
        assertEquals(1, runs.retries.get(), "counted as a retry in the run");
        assertEquals(1.0, retriesMetric(), "and in the metrics");
        assertEquals(495, budget.tokens(), "paid from the budget");

        int round1Batches = 2;
        List<EventBatch> rest = new ArrayList<>();
        while (round1.hasNext()) {
            EventBatch batch = sent(round1.next());
            assertEquals(1, batch.round(), "the 5 left waiting do not fill a batch: only round 1's go");
            rest.add(batch);
        }
        round1Batches += rest.size();
        assertEquals(10, round1Batches, "round 1 still sends its 100 events in 10 batches");
        budget.succeeded(true);
        rest.forEach(batch -> budget.succeeded(false));

        rounds.endRound(exchange);
        assertEquals(Boolean.TRUE, exchange.getProperty(PushRounds.MORE_TO_SEND));
        assertEquals(0L, exchange.getProperty(PushRounds.ROUND_DELAY_MS), "round 2 at once");
        List<EventBatch> round2 = new ArrayList<>();
        rounds.takeRound(exchange).forEach(round2::add);
        assertEquals(1, round2.size());
        assertEquals(second.pending().subList(0, 5), round2.get(0).pending(), "what waited, in round 2 proper");
        assertEquals(2, runs.retries.get(), "two retry requests in all");
        assertEquals(2.0, retriesMetric());
        assertTrue(failures.deadLettered.isEmpty());
    }

    @Test
    void what_comes_back_from_an_early_batch_waits_for_round_three_after_the_backoff_and_never_exceeds_its_attempts() {
        PushRounds rounds = rounds(new RetryBudget(500, 5), 1);
        Iterator<EventBatch> round1 = firstRound(rounds, 30);

        EventBatch first = sent(round1.next());
        comeBackRetryable(rounds, first, first.pending());
        EventBatch early = sent(round1.next());
        assertEquals(2, early.round());
        comeBackRetryable(rounds, early, early.pending());
        assertEquals(first.pending(), failures.exhausted, "their second attempt was their last (max-redeliveries 1)");

        EventBatch second = sent(round1.next());
        assertEquals(1, second.round());
        comeBackRetryable(rounds, second, second.pending());
        EventBatch third = sent(round1.next());
        assertEquals(2, third.round(), "a fresh whole batch goes early too");
        EventBatch last = sent(round1.next());
        assertEquals(1, last.round());
        assertFalse(round1.hasNext(), "round 1 is done: 3 batches of its own, 2 of round 2");

        rounds.endRound(exchange);
        assertEquals(Boolean.FALSE, exchange.getProperty(PushRounds.MORE_TO_SEND), "nothing left for round 2");
    }

    @Test
    void the_comebacks_of_an_early_batch_skip_to_round_three_and_wait_the_backoff() {
        PushRounds rounds = rounds(new RetryBudget(500, 5), 5);
        Iterator<EventBatch> round1 = firstRound(rounds, 20);

        EventBatch first = sent(round1.next());
        comeBackRetryable(rounds, first, first.pending());
        EventBatch early = sent(round1.next());
        comeBackRetryable(rounds, early, early.pending().subList(0, 3));
        EventBatch second = sent(round1.next());
        assertEquals(1, second.round());
        assertFalse(round1.hasNext());

        rounds.endRound(exchange);
        assertEquals(Boolean.TRUE, exchange.getProperty(PushRounds.MORE_TO_SEND));
        assertTrue(exchange.getProperty(PushRounds.ROUND_DELAY_MS, Long.class) > 0,
                "round 2 went out early: its comebacks wait the backoff, as after round 2");
        List<EventBatch> next = new ArrayList<>();
        rounds.takeRound(exchange).forEach(next::add);
        assertEquals(1, next.size());
        assertEquals(3, next.get(0).round());
        assertEquals(first.pending().subList(0, 3), next.get(0).pending());
        assertEquals(2, next.get(0).attemptsOf(next.get(0).pending().get(0)), "two attempts so far, the third to come");
    }

    @Test
    void an_early_batch_the_budget_cannot_pay_for_waits_for_round_two_where_the_budget_decides() {
        RetryBudget budget = new RetryBudget(5, 5);
        PushRounds rounds = rounds(budget, 3);
        Iterator<EventBatch> round1 = firstRound(rounds, 40);

        EventBatch first = sent(round1.next());
        EventBatch second = sent(round1.next());
        comeBackRetryable(rounds, first, first.pending());
        comeBackRetryable(rounds, second, second.pending());
        EventBatch early = sent(round1.next());
        assertEquals(2, early.round(), "the budget pays for one");
        EventBatch next = sent(round1.next());
        assertEquals(1, next.round(), "not for a second: it waits, not refused");
        assertEquals(0, budget.refused());
        assertTrue(failures.deadLettered.isEmpty());
        sent(round1.next());
        assertFalse(round1.hasNext());

        rounds.endRound(exchange);
        List<EventBatch> round2 = new ArrayList<>();
        rounds.takeRound(exchange).forEach(round2::add);
        assertTrue(round2.isEmpty(), "round 2 could not pay either");
        assertEquals(second.pending(), failures.deadLettered, "dead-lettered RETRY_BUDGET_EXHAUSTED, once");
        assertEquals(1, budget.refused());
        assertEquals(1, runs.retries.get(), "only the request sent counts as a retry");
    }

    @Test
    void a_stop_sends_nothing_early_and_counts_what_waits_as_abandoned() {
        PushRounds rounds = rounds(new RetryBudget(500, 5), 3);
        Iterator<EventBatch> round1 = firstRound(rounds, 30);

        EventBatch first = sent(round1.next());
        comeBackRetryable(rounds, first, first.pending());
        stopping.set(true);
        assertEquals(1, sent(round1.next()).round(), "no retry once the connector is stopping");
        sent(round1.next());
        assertFalse(round1.hasNext());

        rounds.endRound(exchange);
        assertEquals(Boolean.FALSE, exchange.getProperty(PushRounds.MORE_TO_SEND));
        assertEquals(10, runs.abandoned.get(), "the 10 waiting, each once");
        assertEquals(0, runs.retries.get());
    }

    private PushRounds rounds(RetryBudget budget, int maxRedeliveries) {
        RedeliveryPolicy backoff = new RedeliveryPolicy();
        backoff.setRedeliveryDelay(100);
        backoff.setUseExponentialBackOff(true);
        EventBatcher batcher = new EventBatcher(BATCH, EventJson.MAX_REQUEST_BYTES, new EventJson(new ObjectMapper()));
        exchange.setProperty(RunEvents.RUN_ID, "run-1");
        return new PushRounds(batcher, maxRedeliveries, backoff, budget, failures, metrics, runs, stopping::get);
    }

    private Iterator<EventBatch> firstRound(PushRounds rounds, int events) {
        List<StatusEvent> all = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            all.add(StatusEvent.presence("p-" + i, "2026-11-24T09:00:00Z", "user-" + i, "source",
                    "5156e690-3673-3fee-bbab-4e42d9bb697d", null, "A" + i, "READY"));
        }
        rounds.start(all, exchange);
        return rounds.takeRound(exchange).iterator();
    }

    /** The batch's request leaves: one attempt. */
    private static EventBatch sent(EventBatch batch) {
        batch.attempt(OffsetDateTime.now());
        return batch;
    }

    /** Genesys Cloud answers 200 with a retryable error for each of {@code events}. */
    private void comeBackRetryable(PushRounds rounds, EventBatch batch, List<StatusEvent> events) {
        Map<String, String> messages = new HashMap<>();
        events.forEach(event -> messages.put(event.eventId(), "SCHEDULE_CONFLICT"));
        rounds.nextRound(exchange, batch, events, messages, 200, "{\"errors\":[...]}");
    }

    private double retriesMetric() {
        return registry.find("wfm.retries").tags("cause", "event-conflict", "event_kind", EventKind.PRESENCE.name())
                .counter().count();
    }

    /** Records which events would be dead-lettered, and why, instead of storing them. */
    private static final class Failures extends FailedDeliveries {
        final List<StatusEvent> deadLettered = new ArrayList<>();
        final List<StatusEvent> exhausted = new ArrayList<>();

        Failures() {
            super(null, null, null, null, () -> false);
        }

        @Override
        void eventsExhausted(EventBatch batch, List<StatusEvent> events, Map<String, String> messages, int status,
                String body) {
            exhausted.addAll(events);
        }

        @Override
        void budgetRefused(String runId, List<StatusEvent> events, Map<String, EventBatch.Carry> carried,
                Map<String, String> lastMessage) {
            deadLettered.addAll(events);
        }

        @Override
        void tooLarge(String runId, StatusEvent event, int bytes) {
            throw new AssertionError("no event is too large here");
        }
    }
}

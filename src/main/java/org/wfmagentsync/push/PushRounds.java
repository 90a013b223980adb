package org.wfmagentsync.push;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.support.OnePass;

/**
 * Delivery in rounds. Round 1 sends every changed event. Events that Genesys Cloud answers with a
 * retryable per-event error (a 200 whose {@code errors} list says {@code retryable: true}) do not go
 * back in a small request of their own: they wait for the next round, where they fill whole
 * batches again. Round 2 starts as soon as round 1 is done; later rounds wait the push backoff. An
 * event is sent at most {@code wfm.retry.max-redeliveries + 1} times; each request of a later round
 * is paid from the {@link RetryBudget}. What either refuses is dead-lettered with its reason. Every
 * round is cut into batches by the {@link EventBatcher}: one kind of event to a batch, never empty,
 * never more than the API takes. Presence and routing-status events share the rounds, as they share
 * the push gate and the budget.
 *
 * <p>The {@code push-events} route asks two exchange properties, which the steps here set:
 * {@link #MORE_TO_SEND} (whether another round has events) and {@link #ROUND_DELAY_MS} (how long to
 * wait before it).
 */
public class PushRounds {

    /** The exchange property holding the run's rounds; split sub-exchanges share it. */
    public static final String PROPERTY = "wfmRounds";
    /** Whether another round has events to send (a Boolean property, for the route's loop). */
    public static final String MORE_TO_SEND = "wfmMoreToSend";
    /** Milliseconds the route waits before the next round (a Long property). */
    public static final String ROUND_DELAY_MS = "wfmRoundDelayMs";

    private static final Logger LOG = LoggerFactory.getLogger(PushRounds.class);

    /** One push's rounds: what waits for the next round and what it brings from earlier ones. */
    static final class State {
        /** Round 1: the changed events, worked out as the split takes them. */
        Iterator<StatusEvent> first;
        final ConcurrentLinkedQueue<StatusEvent> next = new ConcurrentLinkedQueue<>();
        final Map<String, EventBatch.Carry> carried = new ConcurrentHashMap<>();
        final Map<String, String> lastMessage = new ConcurrentHashMap<>();
        volatile int round;
        volatile long lastDelayMs;
    }

    private final EventBatcher batcher;
    private final int maxAttempts;
    private final RedeliveryPolicy backoff;
    private final RetryBudget budget;
    private final FailedDeliveries failures;
    private final SyncMetrics metrics;
    private final RunEvents runs;
    private final BooleanSupplier stopping;

    /**
     * @param backoff  the push backoff (the bean the route files' error handlers reference)
     * @param stopping whether the connector is stopping: then no further round starts
     */
    public PushRounds(EventBatcher batcher, int maxRedeliveries, RedeliveryPolicy backoff, RetryBudget budget,
            FailedDeliveries failures, SyncMetrics metrics, RunEvents runs, BooleanSupplier stopping) {
        this.batcher = batcher;
        this.maxAttempts = maxRedeliveries + 1;
        this.backoff = backoff;
        this.budget = budget;
        this.failures = failures;
        this.metrics = metrics;
        this.runs = runs;
        this.stopping = stopping;
    }

    /**
     * Begins a push: the body's events make round 1, taken as the round goes (they may be a
     * {@link OnePass}). Says whether there is anything to send at all.
     */
    public void start(Iterable<StatusEvent> events, Exchange exchange) {
        State state = new State();
        state.first = events.iterator();
        exchange.setProperty(PROPERTY, state);
        exchange.setProperty(ROUND_DELAY_MS, 0L);
        exchange.setProperty(MORE_TO_SEND, hasNext(state, exchange));
    }

    /**
     * Takes the next round's batches as the body (each a list of events of one kind, for one request).
     * Round 1's are worked out as the split takes them. From round 2 on, each batch is a retry request
     * the budget must pay for; what it refuses is dead-lettered with reason RETRY_BUDGET_EXHAUSTED.
     */
    public Iterable<List<StatusEvent>> takeRound(Exchange exchange) {
        State state = state(exchange);
        state.round++;
        String runId = runId(exchange);
        if (state.round == 1) {
            return batcher.batches(state.first, (event, bytes) -> failures.tooLarge(runId, event, bytes));
        }
        List<StatusEvent> events = new ArrayList<>();
        for (StatusEvent event; (event = state.next.poll()) != null; ) {
            events.add(event);
        }
        List<List<StatusEvent>> admitted = new ArrayList<>();
        int sentAgain = 0;
        int refused = 0;
        for (List<StatusEvent> batch : batcher.batches(events, (event, bytes) -> failures.tooLarge(runId, event, bytes))) {
            EventKind kind = batch.get(0).kind();
            if (budget.tryRetry()) {
                admitted.add(batch);
                sentAgain += batch.size();
                metrics.retry("event-conflict", kind);
                runs.retry(runId, kind);
            } else {
                refused += batch.size();
                metrics.retryBudgetRefused(kind, batch.size());
                failures.budgetRefused(runId, batch, state.carried, state.lastMessage);
            }
        }
        LOG.debug("round {}: {} event(s) sent again, {} refused by the retry budget", state.round, sentAgain, refused);
        return admitted;
    }

    /**
     * The round's batches are done: says whether another round has events and how long to wait for
     * it (nothing before round 2, the push backoff after that). None once the connector is stopping.
     */
    public void endRound(Exchange exchange) {
        State state = state(exchange);
        boolean more = hasNext(state, exchange);
        exchange.setProperty(MORE_TO_SEND, more);
        exchange.setProperty(ROUND_DELAY_MS, more ? delayBeforeNext(state) : 0L);
    }

    /**
     * Whether the next round has events. Once the connector is stopping it has none: what is left
     * is counted as abandoned (round 1's events are worked out to the end, so its bad rows are still
     * recorded) and goes out with the next run.
     */
    private boolean hasNext(State state, Exchange exchange) {
        if (stopping.getAsBoolean()) {
            long left = state.round == 0 ? drain(state.first) : drain(state.next);
            if (left > 0) {
                runs.abandoned(runId(exchange), left);
                LOG.info("connector stopping: {} event(s) waiting for round {} not sent, left for the next run", left,
                        state.round + 1);
            }
        }
        return state.round == 0 ? state.first.hasNext() : !state.next.isEmpty();
    }

    private static long drain(Iterator<StatusEvent> events) {
        long left = 0;
        for (; events.hasNext(); events.next()) {
            left++;
        }
        return left;
    }

    private static long drain(ConcurrentLinkedQueue<StatusEvent> events) {
        long left = 0;
        while (events.poll() != null) {
            left++;
        }
        return left;
    }

    private long delayBeforeNext(State state) {
        if (state.round < 2) {
            return 0;
        }
        long delay = backoff.calculateRedeliveryDelay(state.lastDelayMs, state.round - 1);
        state.lastDelayMs = delay;
        return delay;
    }

    /** The carried history of this round's events, for their batches. */
    public Map<String, EventBatch.Carry> carried(Exchange exchange) {
        State state = exchange.getProperty(PROPERTY, State.class);
        return state == null ? Map.of() : state.carried;
    }

    public int round(Exchange exchange) {
        State state = exchange.getProperty(PROPERTY, State.class);
        return state == null ? 1 : Math.max(1, state.round);
    }

    /**
     * Sends retryable events to the next round, or dead-letters those that have had all their
     * attempts (CONFLICT_EXHAUSTED, with Genesys Cloud's message for each).
     */
    void nextRound(Exchange exchange, EventBatch batch, List<StatusEvent> events, Map<String, String> messages,
            int status, String body) {
        State state = state(exchange);
        List<StatusEvent> exhausted = new ArrayList<>();
        for (StatusEvent event : events) {
            if (batch.attemptsOf(event) >= maxAttempts) {
                exhausted.add(event);
                continue;
            }
            String message = messages.getOrDefault(event.eventId(), "no message");
            state.carried.put(event.eventId(), batch.carryOf(event, status, "retryable event error: " + message));
            state.lastMessage.put(event.eventId(), message);
            state.next.add(event);
        }
        if (!exhausted.isEmpty()) {
            failures.eventsExhausted(batch, exhausted, messages, status, body);
        }
    }

    static String runId(Exchange exchange) {
        return exchange.getProperty(RunEvents.RUN_ID, String.class);
    }

    private static State state(Exchange exchange) {
        State state = exchange.getProperty(PROPERTY, State.class);
        if (state == null) {
            throw new IllegalStateException("no push in progress on this exchange");
        }
        return state;
    }
}

package org.wfmagentsync.push;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
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
 * batches again. Round 2 does not wait for round 1 to drain: while round 1 is still being taken, as
 * soon as the events waiting for round 2 fill a whole batch of one kind (the batcher's limits), that
 * batch goes out between round 1's batches, as a request of round 2; what waits when round 1's
 * events are all taken goes in round 2 proper, at once. Later rounds wait the push backoff, and an
 * event that came back from an early round-2 batch waits for round 3 as it would from round 2. An
 * event is sent at most {@code wfm.retry.max-redeliveries + 1} times; each request of a later round,
 * early or not, is paid from the {@link RetryBudget} and counted as a retry. An early batch the
 * budget cannot pay for yet is not refused: its events wait for round 2, where the budget decides.
 * What the attempts or the budget refuse is dead-lettered with its reason. Every round is cut into
 * batches by the {@link EventBatcher}: one kind of event to a batch, never empty, never more than
 * the API takes. Presence and routing-status events share the rounds, as they share the push gate
 * and the budget.
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

    /** One push's rounds: what waits for each later round and what it brings from earlier ones. */
    static final class State {
        /** Round 1: the changed events, worked out as the split takes them. */
        Iterator<StatusEvent> first;
        /** By the round they wait for: the events of a batch of round r wait for round r + 1. */
        final Map<Integer, WaitingEvents> waiting = new ConcurrentHashMap<>();
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
     * Takes the next round's batches as the body (each an {@link EventBatch}: events of one kind, for one
     * request). Round 1's are worked out as the split takes them, with round 2's whole batches among
     * them as they fill. From round 2 on, each batch is a retry request the budget must pay for; what
     * it refuses is dead-lettered with reason RETRY_BUDGET_EXHAUSTED.
     */
    public Iterable<EventBatch> takeRound(Exchange exchange) {
        State state = state(exchange);
        state.round++;
        String runId = runId(exchange);
        if (state.round == 1) {
            return OnePass.of(new FirstRound(state, runId,
                    batcher.batches(state.first, (event, bytes) -> failures.tooLarge(runId, event, bytes)).iterator()));
        }
        WaitingEvents waiting = state.waiting.remove(state.round);
        List<StatusEvent> events = waiting == null ? List.of() : waiting.takeAll();
        List<EventBatch> admitted = new ArrayList<>();
        int sentAgain = 0;
        int refused = 0;
        for (List<StatusEvent> batch : batcher.batches(events, (event, bytes) -> failures.tooLarge(runId, event, bytes))) {
            EventKind kind = batch.get(0).kind();
            if (budget.tryRetry()) {
                admitted.add(retryBatch(state, runId, batch, state.round));
                sentAgain += batch.size();
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
     * Round 1 as the split takes it: the feed's batches, and in the place of one of them, a whole batch
     * of round 2 whenever one is waiting and the budget pays for it at once (the feed's batch goes out
     * at the next take). It has more while the feed has; once it says it has none it stays so, and
     * what comes back from the requests still under way waits for round 2 proper: nothing is paid for
     * that is not taken. The split asks it one batch at a time, from whichever worker thread takes the
     * next one, while answers add to the waiting events on others.
     */
    private final class FirstRound implements Iterator<EventBatch> {
        private final State state;
        private final String runId;
        private final Iterator<List<StatusEvent>> feed;
        private boolean ended;

        FirstRound(State state, String runId, Iterator<List<StatusEvent>> feed) {
            this.state = state;
            this.runId = runId;
            this.feed = feed;
        }

        @Override
        public synchronized boolean hasNext() {
            if (!ended && !feed.hasNext()) {
                ended = true;
            }
            return !ended;
        }

        @Override
        public synchronized EventBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            EventBatch early = takeEarly(state, runId);
            return early != null ? early : new EventBatch(runId, feed.next(), 1, Map.of());
        }
    }

    /** A whole batch of round 2, paid for, to go out during round 1; null when none is waiting or affordable. */
    private EventBatch takeEarly(State state, String runId) {
        WaitingEvents waiting = state.waiting.get(2);
        if (waiting == null || stopping.getAsBoolean()) {
            return null;
        }
        List<StatusEvent> batch = waiting.takeWholeBatch(budget::tryRetryIfFunded);
        if (batch == null) {
            return null;
        }
        LOG.debug("round 2: a whole batch of {} {} event(s) sent again while round 1 is under way", batch.size(),
                batch.get(0).kind().words());
        return retryBatch(state, runId, batch, 2);
    }

    /** A batch of a later round, paid for already: counted as a retry, carrying its events' history. */
    private EventBatch retryBatch(State state, String runId, List<StatusEvent> events, int round) {
        EventKind kind = events.get(0).kind();
        metrics.retry("event-conflict", kind);
        runs.retry(runId, kind);
        return new EventBatch(runId, events, round, state.carried); // it keeps its own events' carries only
    }

    /**
     * The round's batches are done: says whether another round has events and how long to wait for
     * it (nothing before round 2, the push backoff after that). None once the connector is stopping.
     */
    public void endRound(Exchange exchange) {
        State state = state(exchange);
        boolean more = hasNext(state, exchange);
        if (more && waitingFor(state, state.round + 1) == 0) {
            // round 2's events all went out during round 1: what came back from them waits for round 3
            state.round++;
        }
        exchange.setProperty(MORE_TO_SEND, more);
        exchange.setProperty(ROUND_DELAY_MS, more ? delayBeforeNext(state) : 0L);
    }

    /**
     * Whether a later round has events. Once the connector is stopping none has: what is left is
     * counted as abandoned (round 1's events are worked out to the end, so its bad rows are still
     * recorded) and goes out with the next run.
     */
    private boolean hasNext(State state, Exchange exchange) {
        if (stopping.getAsBoolean()) {
            long left = state.round == 0 ? drain(state.first) : drainLater(state);
            if (left > 0) {
                runs.abandoned(runId(exchange), left);
                LOG.info("connector stopping: {} event(s) waiting for round {} not sent, left for the next run", left,
                        state.round + 1);
            }
        }
        if (state.round == 0) {
            return state.first.hasNext();
        }
        return state.waiting.entrySet().stream().anyMatch(entry -> entry.getKey() > state.round
                && entry.getValue().size() > 0);
    }

    private static int waitingFor(State state, int round) {
        WaitingEvents waiting = state.waiting.get(round);
        return waiting == null ? 0 : waiting.size();
    }

    private static long drain(Iterator<StatusEvent> events) {
        long left = 0;
        for (; events.hasNext(); events.next()) {
            left++;
        }
        return left;
    }

    /** Takes off what waits for the rounds after the current one; how many events that was. */
    private static long drainLater(State state) {
        long left = 0;
        for (Map.Entry<Integer, WaitingEvents> entry : state.waiting.entrySet()) {
            if (entry.getKey() > state.round) {
                left += entry.getValue().takeAll().size();
            }
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

    /**
     * Sends retryable events to the round after the batch's own, or dead-letters those that have had all their
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
            state.waiting.computeIfAbsent(batch.round() + 1, round -> new WaitingEvents(batcher)).add(event);
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

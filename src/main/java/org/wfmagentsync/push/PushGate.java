package org.wfmagentsync.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.model.PushLimits;
import org.wfmagentsync.model.PushState;
import org.wfmagentsync.model.RunLimits;

/**
 * The door every request to Genesys Cloud goes through, first attempts, retries and replays alike:
 * it waits until the {@link RatePacer} lets a request go (the per-minute ceiling, a client-wide
 * {@code Retry-After} pause) and the {@link ConcurrencyLimit} has room, and after the answer tells
 * both what it said. Waiting threads are woken when a request ends or a pause is over. The pacer is
 * reached through its {@link RateLedger}: in memory, or shared in the state database by every
 * instance on the token, whose changes a waiting thread looks at again within a second. A run's
 * limit starts from what the {@link LimitMemory} learned about the tenant, or from the configured level.
 */
public class PushGate implements RunLimits, PushState {

    /** The exchange property holding an admitted request's permit until its answer is in. */
    public static final String PERMIT = "wfmPermit";
    /** Set on a request that asks whether Genesys Cloud's rate window moved on (see {@link RatePacer}). */
    static final String ASKS_RATE = "wfmAsksRate";

    private static final Logger LOG = LoggerFactory.getLogger(PushGate.class);
    /** What the pacer's step answers for a request that may go and asks whether the server's window moved on. */
    private static final long ASKS = -1;
    /** What the pacer's step answers for a request that would ask while earlier ones are still unanswered. */
    private static final long AFTER_THE_OTHERS = -2;
    /** How long a thread waits at most before it looks again at a pacer that other instances move too. */
    private static final long SHARED_RECHECK_MILLIS = 1000;

    private final ConcurrencyLimit limit;
    private final RateLedger pacer;
    private final PublishingWindow window;
    private final int initial;
    private final int windowInitial;
    private final CapacityCodes capacityCodes;
    private final RetryBudget budget;
    private final LimitMemory memory;
    private final Clock clock;
    private final ObjectMapper json;
    private final int ceiling;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private int runStartLimit;
    private LimitMemory.Start runStart;
    private boolean runInWindow;
    private Instant lastConflictAt;
    private long pausesAtRunStart;
    private long refusedAtRunStart;
    private long capacityRejections;
    private boolean stopping;

    public PushGate(ConcurrencyLimit limit, RateLedger pacer, PublishingWindow window, int initial, int windowInitial,
            CapacityCodes capacityCodes, RetryBudget budget, LimitMemory memory, Clock clock, ObjectMapper json) {
        this.limit = limit;
        this.pacer = pacer;
        this.window = window;
        this.initial = initial;
        this.windowInitial = windowInitial;
        this.capacityCodes = capacityCodes;
        this.budget = budget;
        this.memory = memory;
        this.clock = clock;
        this.json = json;
        this.ceiling = limit.ceiling();
        limit.restart(initial);
        runStartLimit = limit.current();
        runStart = LimitMemory.Start.configured(runStartLimit);
    }

    /**
     * A run (sync or replay) starts: the limit starts from what was learned about the tenant, moved
     * back toward the configured level (the window's inside it) by the time since, or from that level.
     */
    @Override
    public void runStarted() {
        boolean inWindow = window.contains(clock.instant());
        int configured = Math.max(1, Math.min(ceiling, inWindow ? windowInitial : initial));
        LimitMemory.Start start = memory.start(inWindow, configured, clock.instant()); // reads the state database
        lock.lock();
        try {
            runInWindow = inWindow;
            runStart = start;
            lastConflictAt = null;
            // a start that knows nothing of the tenant (configured, outside the window) finds its capacity by
            // doubling; a learned start, and the window's low start, are held as known to work
            limit.restart(start.level(), start.knownGood(), start.probe(), start.learned().isEmpty() && !inWindow);
            runStartLimit = limit.current();
            pausesAtRunStart = pacer.apply(RatePacer::pauses);
            refusedAtRunStart = budget.refused();
            changed.signalAll();
            LOG.debug("run starts with {} request(s) in flight at most, {}{}", runStartLimit, start.from(),
                    inWindow ? " (inside the publishing window " + window + ")" : "");
        } finally {
            lock.unlock();
        }
    }

    /** What the run did with the limits, for its summary; what it learned about the tenant is kept. */
    @Override
    public PushLimits runFinished() {
        PushLimits limits;
        int refused;
        int highest;
        Instant conflictAt;
        lock.lock();
        try {
            limits = new PushLimits(runStartLimit, limit.current(), limit.lowest(), limit.highest(),
                    pacer.apply(RatePacer::pauses) - pausesAtRunStart, budget.tokens(), budget.refused() - refusedAtRunStart,
                    runStart.from());
            refused = limit.refusedInRun();
            highest = limit.highest();
            conflictAt = lastConflictAt;
        } finally {
            lock.unlock();
        }
        memory.runEnded(runInWindow, runStart, refused, highest, conflictAt);
        return limits;
    }

    /** The connector is stopping: no request is admitted any more, and those waiting give up at once. */
    public void stop() {
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the connector is stopping: nothing new is sent or retried, what is left waits for the next run. */
    public boolean stopping() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the request may be sent, then admits it; refuses it once the connector is stopping. */
    public void enter(Exchange exchange) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopping) {
                    EventBatch batch = exchange.getProperty(EventBatch.PROPERTY, EventBatch.class);
                    throw new ConnectorStopping(batch == null ? 0 : batch.pending().size());
                }
                long now = clock.millis();
                if (limit.inFlight() >= limit.current()) {
                    changed.await(1, TimeUnit.SECONDS);
                    continue;
                }
                // one step on the pacer: the wait, or the request counted (for every instance, when shared);
                // a request that asks whether the server's window moved on goes with nothing else in flight
                boolean othersInFlight = limit.inFlight() > 0;
                long wait = pacer.apply(rate -> {
                    long left = rate.waitMillis(now);
                    if (left > 0) {
                        return left;
                    }
                    if (othersInFlight && rate.nextAsks(now)) {
                        return AFTER_THE_OTHERS;
                    }
                    return rate.sent(now) ? ASKS : 0L;
                });
                if (wait == AFTER_THE_OTHERS) {
                    changed.await(1, TimeUnit.SECONDS);
                    continue;
                }
                if (wait <= 0) {
                    ConcurrencyLimit.Permit permit = limit.tryAcquire();
                    if (wait == ASKS) {
                        exchange.setProperty(ASKS_RATE, true);
                    }
                    exchange.setProperty(PERMIT, permit);
                    exchange.getMessage().removeHeader(Exchange.HTTP_RESPONSE_CODE);
                    return;
                }
                changed.await(pacer.shared() ? Math.min(wait, SHARED_RECHECK_MILLIS) : wait, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The attempt is over: tells the limit and the pacer what the answer says. Runs whatever
     * happened, so the permit is always given back.
     */
    public void leave(Exchange exchange) {
        ConcurrencyLimit.Permit permit = exchange.getProperty(PERMIT, ConcurrencyLimit.Permit.class);
        if (permit == null) {
            return;
        }
        exchange.removeProperty(PERMIT);
        boolean asksRate = exchange.removeProperty(ASKS_RATE) != null;
        Message message = exchange.getMessage();
        Integer status = exchange.getException() == null ? message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)
                : null;
        Duration retryAfter = null;
        boolean capacityConflict = false;
        if (status != null && status == 429) {
            retryAfter = RetryAfter.parse(GenesysAnswers.header(message, "Retry-After"), clock);
        } else if (status != null && status == 409) {
            String body = message.getBody(String.class);
            message.setBody(body);
            JsonNode error = GenesysAnswers.json(json, body);
            capacityConflict = capacityCodes.isCapacity(error == null ? null : error.path("code").asText(null));
        }
        lock.lock();
        try {
            int before = limit.current();
            if (asksRate && !(status != null && status == 429 && retryAfter != null)) {
                boolean accepted = status != null && status / 100 == 2;
                long now = clock.millis();
                pacer.apply(rate -> {
                    rate.asked(now, accepted);
                    return null;
                });
            }
            if (status == null) {
                limit.ignored(permit);
            } else if (status / 100 == 2) {
                limit.succeeded(permit);
            } else if (status == 429) {
                capacityRejections++;
                limit.rejected(permit, false);
                if (retryAfter != null) {
                    long now = clock.millis();
                    long pause = retryAfter.toMillis();
                    pacer.apply(rate -> {
                        rate.retryAfter(now, pause);
                        return null;
                    });
                    LOG.info("Genesys Cloud asked for a pause of {} ms (429 Retry-After): every request waits",
                            retryAfter.toMillis());
                }
            } else if (capacityConflict) {
                capacityRejections++;
                lastConflictAt = clock.instant();
                limit.rejected(permit, true);
            } else {
                limit.ignored(permit);
            }
            if (limit.current() != before) {
                LOG.debug("concurrency limit {} -> {} after HTTP {} (sent with {} in flight)", before, limit.current(),
                        status, permit.inFlightAtSend());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Batches allowed under way at once (the Throttle EIP's limit): twice the ceiling of requests in
     * flight, so that a batch whose thread is recording its answer, or waiting out a backoff, does not
     * keep the gate from being used.
     */
    public int batchesUnderWay() {
        return 2 * ceiling;
    }

    @Override
    public int currentLimit() {
        lock.lock();
        try {
            return limit.current();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long capacityRejections() {
        lock.lock();
        try {
            return capacityRejections;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean paused() {
        lock.lock();
        try {
            long now = clock.millis();
            return pacer.apply(rate -> rate.paused(now));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int retryBudgetTokens() {
        return budget.tokens();
    }
}

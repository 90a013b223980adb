package org.wfmagentsync.run;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.FailureExplainer;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.RunLimits;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.store.RunLock;
import org.wfmagentsync.store.RunSummaryStore;
import org.wfmagentsync.support.LogFields;

/**
 * Aggregates each run's results: starts a run (one at a time, across every instance when the state
 * database is shared: {@link RunLock}), listens to what every stage reports ({@link RunEvents}), and
 * at the end logs, keeps and exports one {@link RunSummary}. Holding the lock, before a run starts,
 * it closes what a dead process left unfinished ({@link InterruptedRuns}): whoever takes the lock
 * next after a process died finds its run, exactly once.
 */
public class RunTracker implements RunEvents {

    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);

    private final Map<String, RunStats> live = new ConcurrentHashMap<>();
    private final RunLock lock;
    private final AtomicReference<RunLock.Held> held = new AtomicReference<>();
    private final Runnable recoverUnfinished;
    private final String node;
    private final AtomicReference<String> current = new AtomicReference<>();
    private final AtomicReference<RunSummary> last = new AtomicReference<>();
    private final RunSummaryStore store;
    private final SyncMetrics metrics;
    private final Clock clock;
    private final long replayWaitMs;
    private final RunLimits limits;
    private final RunFailures failures;
    private final LongSupplier openDeadLetters;

    /**
     * @param limits          the push limits each run starts afresh and reports in its summary
     * @param explainers      the stages' explanations of what can stop a run, asked in this order
     * @param openDeadLetters the dead letters open now, reported apart from what a run dead-lettered anew
     * @param lock              one run at a time, in this process or across the instances on the state database
     * @param recoverUnfinished closes what a dead process left unfinished; run holding the lock, before each run
     * @param node              this instance's name, in each summary
     */
    public RunTracker(RunSummaryStore store, SyncMetrics metrics, Clock clock, long replayWaitMs, RunLimits limits,
            List<FailureExplainer> explainers, LongSupplier openDeadLetters, RunLock lock, Runnable recoverUnfinished,
            String node) {
        this.lock = lock;
        this.recoverUnfinished = recoverUnfinished;
        this.node = node;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.replayWaitMs = replayWaitMs;
        this.limits = limits;
        this.failures = new RunFailures(explainers);
        this.openDeadLetters = openDeadLetters;
    }

    private static String runId(Exchange exchange) {
        return exchange.getProperty(RunEvents.RUN_ID, String.class);
    }

    /** Starts a sync run unless one is in progress; the run id travels with the exchange and in the log context. */
    public void begin(Exchange exchange) {
        start(exchange, "sync", 0);
    }

    /** Starts a replay run, waiting a while for a sync run in progress to end: replays never overlap runs. */
    public void beginReplay(Exchange exchange) {
        start(exchange, "replay", replayWaitMs);
    }

    /**
     * At start-up: closes what a dead process left unfinished, unless a run holds the lock (then it is
     * another instance's, and what is unfinished is its own; the next run here looks again).
     */
    public void recoverAtStart() {
        lock.tryAcquire(Duration.ZERO).ifPresentOrElse(atStart -> {
            try (atStart) {
                recoverUnfinished.run();
            }
        }, () -> LOG.info("a run is in progress on another instance; unfinished runs are looked at when a run here"
                + " starts"));
    }

    private void start(Exchange exchange, String kind, long waitMs) {
        Optional<RunLock.Held> acquired = lock.tryAcquire(Duration.ofMillis(waitMs));
        if (acquired.isEmpty()) {
            String here = current.get();
            throw new RunInProgressException((here != null ? "run " + here + " is still in progress"
                    : "a run is in progress on another instance") + "; this " + kind + " did not start");
        }
        try {
            recoverUnfinished.run();
        } catch (RuntimeException e) {
            acquired.get().close();
            throw e;
        }
        held.set(acquired.get());
        String runId = UUID.randomUUID().toString();
        current.set(runId);
        RunStats stats = new RunStats(runId, kind, OffsetDateTime.now(clock), node);
        live.put(runId, stats);
        exchange.setProperty(RunEvents.RUN_ID, runId);
        // kept from the start: a process that dies during the run leaves it RUNNING, and the next start says so
        store.inProgress(stats.inProgress(stats.startedAt));
        limits.runStarted();
        MDC.put(LogFields.RUN_ID, runId);
        LOG.info("{} run {} started", kind, runId);
    }

    /**
     * The connector is stopping (SIGTERM, Ctrl-C, a stop from a test): the push gate sends nothing
     * new; requests already sent finish and are recorded, and what is left unsent is abandoned, not
     * dead-lettered (it is still a change, so the next run sends it). Says so for the run in progress.
     */
    public void connectorStopping() {
        String runId = current.get();
        if (runId != null) {
            LOG.warn("connector stopping during run {}: requests already sent finish, nothing more is sent;"
                    + " what is left goes out with the next run", runId);
        }
    }

    /** Records why the run stopped early; the run still ends with a summary. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause instanceof RunInProgressException) {
            LOG.warn(cause.getMessage());
            return;
        }
        String message = failures.describe(cause);
        RunStats stats = stats(exchange);
        if (stats != null) {
            stats.error.set(message);
        }
        try (LogFields fields = LogFields.of(runId(exchange), null, null)) {
            LOG.error("run {} failed: {}", runId(exchange), message);
        }
    }

    /** Ends the run: one log line, a kept summary, metrics; the summary becomes the message body. */
    public RunSummary finish(Exchange exchange) {
        String runId = runId(exchange);
        RunStats stats = runId == null ? null : live.remove(runId);
        if (stats == null) {
            return null;
        }
        try {
            RunSummary summary = stats.summarize(OffsetDateTime.now(clock), limits.runFinished(),
                    openDeadLetters.getAsLong());
            last.set(summary);
            store.save(summary);
            metrics.runFinished(summary);
            // the run's id as a log field whatever thread ends the run (the last answer's, say)
            try (LogFields fields = LogFields.of(runId, null, null)) {
                if (summary.outcome() == RunSummary.Outcome.SUCCEEDED) {
                    LOG.info(summary.toLogLine());
                } else {
                    LOG.warn(summary.toLogLine());
                }
                if ("sync".equals(summary.kind()) && summary.outcome().finished() && summary.fetched() == 0) {
                    // An empty feed changes nothing (no agent is reset or removed), but it is rarely what was meant.
                    LOG.warn("sync run {} fetched no agents from the legacy system: nothing was sent and nothing in"
                            + " Genesys Cloud was changed; check legacy.agents-url if agents are expected", runId);
                }
            }
            exchange.getMessage().setBody(summary);
            return summary;
        } finally {
            current.set(null);
            RunLock.Held done = held.getAndSet(null);
            if (done != null) {
                done.close();
            }
            MDC.remove(LogFields.RUN_ID);
        }
    }

    /** This instance's name ({@code wfm.node-name}), as each of its runs carries it. */
    public String node() {
        return node;
    }

    /** The summary of the last run this process finished, sync or replay. */
    public Optional<RunSummary> lastRun() {
        return Optional.ofNullable(last.get());
    }

    /** How many rows the feed had; kept at once, before the first request, so that an interrupted run still tells it. */
    @Override
    public void fetched(String runId, long count) {
        keep(runId, stats -> stats.fetched.addAndGet(count));
    }

    /**
     * How many changes of a kind the run had to deliver, known once the whole feed has been worked
     * through (round 1 takes the changes as they are found); kept at once.
     */
    @Override
    public void changed(String runId, EventKind kind, long count) {
        keep(runId, stats -> stats.of(kind).changed.addAndGet(count));
    }

    @Override
    public void sent(String runId, EventKind kind, long count) {
        with(runId, stats -> stats.of(kind).sent.addAndGet(count));
    }

    @Override
    public void request(String runId, EventKind kind, int status) {
        with(runId, stats -> {
            RunStats.KindStats of = stats.of(kind);
            of.requests.incrementAndGet();
            if (status == 409) {
                of.conflicts.incrementAndGet();
            } else if (status == 429) {
                of.rateLimited.incrementAndGet();
            }
        });
    }

    @Override
    public void retry(String runId, EventKind kind) {
        with(runId, stats -> stats.of(kind).retries.incrementAndGet());
    }

    @Override
    public void delivered(String runId, EventKind kind, long count) {
        with(runId, stats -> stats.of(kind).delivered.addAndGet(count));
    }

    /** Updates the run dead-lettered anew; entries it only updated, still open from before, are not reported. */
    @Override
    public void deadLettered(String runId, EventKind kind, long count) {
        with(runId, stats -> (kind == null ? stats.deadLetteredWithoutKind : stats.of(kind).deadLettered)
                .addAndGet(count));
    }

    /** Events left unsent because the connector is stopping. */
    @Override
    public void abandoned(String runId, long count) {
        with(runId, stats -> stats.abandoned.addAndGet(count));
    }

    private RunStats stats(Exchange exchange) {
        String runId = runId(exchange);
        return runId == null ? null : live.get(runId);
    }

    private void with(String runId, Consumer<RunStats> update) {
        RunStats stats = runId == null ? null : live.get(runId);
        if (stats != null) {
            update.accept(stats);
        }
    }

    /** Updates the run's counts and keeps the run, still in progress, with them (see {@link RunSummaryStore#inProgress}). */
    private void keep(String runId, Consumer<RunStats> update) {
        with(runId, stats -> {
            update.accept(stats);
            store.inProgress(stats.inProgress(OffsetDateTime.now(clock)));
        });
    }
}

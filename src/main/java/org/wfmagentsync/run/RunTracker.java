package org.wfmagentsync.run;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.wfmagentsync.metrics.SyncMetrics;

/**
 * Aggregates each run's results: starts a run (one at a time), collects counters from every step,
 * and at the end logs, keeps and exports one {@link RunSummary}.
 */
public class RunTracker {

    public static final String RUN_ID = "wfmRunId";
    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);

    private final Map<String, RunStats> live = new ConcurrentHashMap<>();
    private final AtomicReference<String> current = new AtomicReference<>();
    private final RunSummaryStore store;
    private final SyncMetrics metrics;
    private final Clock clock;

    public RunTracker(RunSummaryStore store, SyncMetrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    public static String runId(Exchange exchange) {
        return exchange.getProperty(RUN_ID, String.class);
    }

    /** Starts a run unless one is in progress; the run id travels with the exchange and in the log context. */
    public void begin(Exchange exchange) {
        String runId = UUID.randomUUID().toString();
        String running = current.compareAndExchange(null, runId);
        if (running != null) {
            throw new RunInProgressException("run " + running + " is still in progress; this trigger is skipped");
        }
        live.put(runId, new RunStats(runId, OffsetDateTime.now(clock)));
        exchange.setProperty(RUN_ID, runId);
        MDC.put("runId", runId);
        LOG.info("run {} started", runId);
    }

    /** Records why the run stopped early; the run still ends with a summary. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause instanceof RunInProgressException) {
            LOG.warn(cause.getMessage());
            return;
        }
        String message = RunFailures.describe(cause);
        RunStats stats = stats(exchange);
        if (stats != null) {
            stats.error.set(message);
        }
        LOG.error("run {} failed: {}", runId(exchange), message);
    }

    /** Ends the run: one log line, a kept summary, metrics; the summary becomes the message body. */
    public RunSummary finish(Exchange exchange) {
        String runId = runId(exchange);
        RunStats stats = runId == null ? null : live.remove(runId);
        if (stats == null) {
            return null;
        }
        try {
            RunSummary summary = stats.summarize(OffsetDateTime.now(clock));
            store.save(summary);
            metrics.runFinished(summary);
            if (summary.outcome() == RunSummary.Outcome.SUCCEEDED) {
                LOG.info(summary.toLogLine());
            } else {
                LOG.warn(summary.toLogLine());
            }
            exchange.getMessage().setBody(summary);
            return summary;
        } finally {
            current.compareAndSet(runId, null);
            MDC.remove("runId");
        }
    }

    public void fetched(String runId, long count) {
        with(runId, stats -> stats.fetched.addAndGet(count));
    }

    public void changed(String runId, long count) {
        with(runId, stats -> stats.changed.addAndGet(count));
    }

    public void sent(String runId, long count) {
        with(runId, stats -> stats.sent.addAndGet(count));
    }

    public void request(String runId, int status) {
        with(runId, stats -> {
            stats.requests.incrementAndGet();
            if (status == 409) {
                stats.conflicts.incrementAndGet();
            } else if (status == 429) {
                stats.rateLimited.incrementAndGet();
            }
        });
    }

    public void retry(String runId) {
        with(runId, stats -> stats.retries.incrementAndGet());
    }

    public void delivered(String runId, long count) {
        with(runId, stats -> stats.delivered.addAndGet(count));
    }

    public void deadLettered(String runId, long count) {
        with(runId, stats -> stats.deadLettered.addAndGet(count));
    }

    private RunStats stats(Exchange exchange) {
        String runId = runId(exchange);
        return runId == null ? null : live.get(runId);
    }

    private void with(String runId, java.util.function.Consumer<RunStats> update) {
        RunStats stats = runId == null ? null : live.get(runId);
        if (stats != null) {
            update.accept(stats);
        }
    }
}

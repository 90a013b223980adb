package org.wfmagentsync.run;

import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.wfmagentsync.model.PushLimits;
import org.wfmagentsync.model.RunSummary;

/** The live counters of one run; the push path updates them from many threads. */
final class RunStats {

    final String runId;
    final String kind;
    final OffsetDateTime startedAt;
    final long startNanos = System.nanoTime();
    final AtomicLong fetched = new AtomicLong();
    final AtomicLong changed = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    /** Dead-lettered anew by this run (the recorder tells which: not an entry still open from before). */
    final AtomicLong deadLettered = new AtomicLong();
    /** Events a graceful stop left unsent: not failures, so not dead-lettered; the next run sends them. */
    final AtomicLong abandoned = new AtomicLong();
    final AtomicReference<String> error = new AtomicReference<>();

    RunStats(String runId, String kind, OffsetDateTime startedAt) {
        this.runId = runId;
        this.kind = kind;
        this.startedAt = startedAt;
    }

    /** What is known so far, kept while the run is in progress (a process that dies leaves this behind). */
    RunSummary inProgress(OffsetDateTime now) {
        return new RunSummary(runId, kind, startedAt, now, RunSummary.Outcome.RUNNING, null, fetched.get(), changed.get(),
                sent.get(), requests.get(), conflicts.get(), rateLimited.get(), retries.get(), delivered.get(),
                deadLettered.get(), null, (System.nanoTime() - startNanos) / 1_000_000, 0, 0, 0, 0, 0, 0, 0);
    }

    /** @param stillOpen the dead letters open as the run ends */
    RunSummary summarize(OffsetDateTime finishedAt, PushLimits limits, long stillOpen) {
        String failure = error.get();
        long unsent = abandoned.get();
        if (failure == null && unsent > 0) {
            failure = "the connector was stopped during the run: " + unsent + " event(s) not sent; the next run sends them";
        }
        RunSummary.Outcome outcome = unsent > 0 ? RunSummary.Outcome.INTERRUPTED
                : failure != null ? RunSummary.Outcome.FAILED
                : deadLettered.get() > 0 ? RunSummary.Outcome.PARTIAL : RunSummary.Outcome.SUCCEEDED;
        return new RunSummary(runId, kind, startedAt, finishedAt, outcome, failure, fetched.get(), changed.get(), sent.get(),
                requests.get(), conflicts.get(), rateLimited.get(), retries.get(), delivered.get(), deadLettered.get(),
                stillOpen, (System.nanoTime() - startNanos) / 1_000_000, limits.limitStart(), limits.limitEnd(),
                limits.limitLowest(), limits.limitHighest(), limits.ratePauses(), limits.budgetTokens(),
                limits.budgetRefused());
    }
}

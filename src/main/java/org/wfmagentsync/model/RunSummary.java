package org.wfmagentsync.model;

import java.time.Duration;
import java.time.OffsetDateTime;

/** What one sync run did, from the pull to the last delivery; logged as one line and kept. */
public record RunSummary(
        String runId,
        String kind,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Outcome outcome,
        String error,
        long fetched,
        long changed,
        long sent,
        long requests,
        long conflicts409,
        long rateLimited429,
        long retries,
        long delivered,
        long deadLettered,
        long durationMs,
        int limitStart,
        int limitEnd,
        int limitLowest,
        int limitHighest,
        long ratePauses,
        int retryBudgetLeft,
        long retryBudgetRefused) {

    /** How a run ended. */
    public enum Outcome {
        /** Every change was delivered. */
        SUCCEEDED,
        /** The run finished but some updates were dead-lettered. */
        PARTIAL,
        /** The run stopped early (for example the legacy system was down); nothing is lost, the next run tries again. */
        FAILED,
        /** Another run was still in progress, so this one did not start. */
        SKIPPED,
        /** The run is in progress (kept from its start, so a process that dies during it leaves a trace). */
        RUNNING,
        /**
         * The connector stopped during the run: a graceful stop that left batches unsent, or a
         * process killed or crashed (found at the next start). Nothing is lost: what was not recorded
         * as delivered is still a change, and the next run sends it.
         */
        INTERRUPTED;

        /** Outcomes of runs that did what they could; a FAILED run stopped early. */
        public boolean finished() {
            return this == SUCCEEDED || this == PARTIAL;
        }
    }

    /** This run, found unfinished after the process died: what was recorded of it before that. */
    public RunSummary interrupted(OffsetDateTime lastProgressAt, long deliveredRecorded, long deadLetteredRecorded, String why) {
        return new RunSummary(runId, kind, startedAt, lastProgressAt, Outcome.INTERRUPTED, why, fetched, changed, sent,
                requests, conflicts409, rateLimited429, retries, deliveredRecorded, deadLetteredRecorded,
                Duration.between(startedAt, lastProgressAt).toMillis(), limitStart, limitEnd, limitLowest,
                limitHighest, ratePauses, retryBudgetLeft, retryBudgetRefused);
    }

    /** The one-line form for the log. */
    public String toLogLine() {
        return kind + " run " + runId + " " + outcome + " in " + durationMs + " ms: fetched=" + fetched + " changed=" + changed
                + " sent=" + sent + " requests=" + requests + " 409s=" + conflicts409 + " 429s=" + rateLimited429
                + " retries=" + retries + " delivered=" + delivered + " deadLettered=" + deadLettered
                + " limit=" + limitStart + "->" + limitEnd + " (" + limitLowest + ".." + limitHighest + ")"
                + " pauses=" + ratePauses + " retryBudget=" + retryBudgetLeft + " budgetRefused=" + retryBudgetRefused
                + (error == null ? "" : " error=\"" + error + "\"");
    }
}

package org.wfmagentsync.model;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one sync run did, from the pull to the last delivery; logged as one line and kept.
 *
 * @param deadLettered what the run dead-lettered anew: updates it could not deliver that had no open
 *                     entry, and entries it sent again and saw fail again (a replay's, re-driven ones).
 *                     An entry still open from before that the run only updated (an unmapped agent,
 *                     re-read by every run) is not counted again; {@code stillOpen} shows it.
 * @param stillOpen    dead letters open when the run ended, whichever run wrote them (the open depth);
 *                     null while the run is in progress, and in summaries kept before it was recorded
 * @param byKind       the figures of each kind of event the run had anything to do with; the totals above
 *                     are their sums, and {@code deadLettered} also counts updates that never became an event
 *                     (a refused legacy row, a state without a mapping). Empty in summaries kept before it was recorded
 * @param limitFrom    where the run's concurrency limit started: {@code configured}, or {@code learned@T} (from
 *                     what earlier runs learned about the tenant, at a capacity conflict at T); null in summaries
 *                     kept before it was recorded, and while the run is in progress
 * @param node         the connector instance that ran it ({@code wfm.node-name}); null in summaries kept before
 *                     it was recorded
 */
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
        Long stillOpen,
        long durationMs,
        int limitStart,
        int limitEnd,
        int limitLowest,
        int limitHighest,
        long ratePauses,
        int retryBudgetLeft,
        long retryBudgetRefused,
        Map<EventKind, KindFigures> byKind,
        String limitFrom,
        String node) {

    /**
     * What one run did with the events of one kind.
     *
     * @param requests       requests of this kind (each request carries one kind)
     * @param conflicts409   of them, answered 409
     * @param rateLimited429 of them, answered 429
     * @param retries        redeliveries and later-round requests of this kind
     */
    public record KindFigures(long changed, long sent, long requests, long conflicts409, long rateLimited429,
            long retries, long delivered, long deadLettered) {

        public static final KindFigures NONE = new KindFigures(0, 0, 0, 0, 0, 0, 0, 0);

        /** Whether the run did anything with this kind. */
        public boolean any() {
            return !equals(NONE);
        }

        String toLogPart() {
            return "changed=" + changed + " sent=" + sent + " requests=" + requests + " 409s=" + conflicts409
                    + " 429s=" + rateLimited429 + " retries=" + retries + " delivered=" + delivered
                    + " deadLettered=" + deadLettered;
        }
    }

    public RunSummary {
        byKind = inKindOrder(byKind);
    }

    /** A summary without figures per kind (as kept before they were recorded). */
    public RunSummary(String runId, String kind, OffsetDateTime startedAt, OffsetDateTime finishedAt, Outcome outcome,
            String error, long fetched, long changed, long sent, long requests, long conflicts409, long rateLimited429,
            long retries, long delivered, long deadLettered, Long stillOpen, long durationMs, int limitStart,
            int limitEnd, int limitLowest, int limitHighest, long ratePauses, int retryBudgetLeft,
            long retryBudgetRefused) {
        this(runId, kind, startedAt, finishedAt, outcome, error, fetched, changed, sent, requests, conflicts409,
                rateLimited429, retries, delivered, deadLettered, stillOpen, durationMs, limitStart, limitEnd,
                limitLowest, limitHighest, ratePauses, retryBudgetLeft, retryBudgetRefused, Map.of(), null, null);
    }

    /** A summary without where its limit started (as kept before it was recorded). */
    public RunSummary(String runId, String kind, OffsetDateTime startedAt, OffsetDateTime finishedAt, Outcome outcome,
            String error, long fetched, long changed, long sent, long requests, long conflicts409, long rateLimited429,
            long retries, long delivered, long deadLettered, Long stillOpen, long durationMs, int limitStart,
            int limitEnd, int limitLowest, int limitHighest, long ratePauses, int retryBudgetLeft,
            long retryBudgetRefused, Map<EventKind, KindFigures> byKind) {
        this(runId, kind, startedAt, finishedAt, outcome, error, fetched, changed, sent, requests, conflicts409,
                rateLimited429, retries, delivered, deadLettered, stillOpen, durationMs, limitStart, limitEnd,
                limitLowest, limitHighest, ratePauses, retryBudgetLeft, retryBudgetRefused, byKind, null, null);
    }

    /** The figures of one kind; all 0 when the run had nothing of it. */
    public KindFigures of(EventKind eventKind) {
        return byKind.getOrDefault(eventKind, KindFigures.NONE);
    }

    private static Map<EventKind, KindFigures> inKindOrder(Map<EventKind, KindFigures> figures) {
        if (figures == null || figures.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new EnumMap<>(figures));
    }

    /** How a run ended. */
    public enum Outcome {
        /** Every change was delivered. */
        SUCCEEDED,
        /** The run finished but dead-lettered something anew. */
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

    /** This run, found unfinished after the process died: what was recorded of it before that; the open depth now. */
    public RunSummary interrupted(OffsetDateTime lastProgressAt, long deliveredRecorded, long deadLetteredRecorded,
            long openNow, String why) {
        return new RunSummary(runId, kind, startedAt, lastProgressAt, Outcome.INTERRUPTED, why, fetched, changed, sent,
                requests, conflicts409, rateLimited429, retries, deliveredRecorded, deadLetteredRecorded, openNow,
                Duration.between(startedAt, lastProgressAt).toMillis(), limitStart, limitEnd, limitLowest,
                limitHighest, ratePauses, retryBudgetLeft, retryBudgetRefused, byKind, limitFrom, node);
    }

    /** The same summary with these figures per kind. */
    public RunSummary withByKind(Map<EventKind, KindFigures> figures) {
        return new RunSummary(runId, kind, startedAt, finishedAt, outcome, error, fetched, changed, sent, requests,
                conflicts409, rateLimited429, retries, delivered, deadLettered, stillOpen, durationMs, limitStart,
                limitEnd, limitLowest, limitHighest, ratePauses, retryBudgetLeft, retryBudgetRefused, figures,
                limitFrom, node);
    }

    /** The one-line form for the log. */
    public String toLogLine() {
        return kind + " run " + runId + " " + outcome + " in " + durationMs + " ms: fetched=" + fetched + " changed=" + changed
                + " sent=" + sent + " requests=" + requests + " 409s=" + conflicts409 + " 429s=" + rateLimited429
                + " retries=" + retries + " delivered=" + delivered
                + " deadLettered=" + deadLettered + " stillOpen=" + stillOpen
                + " limit=" + limitStart + "->" + limitEnd + " (" + limitLowest + ".." + limitHighest + ")"
                + (limitFrom == null ? "" : " limitFrom=" + limitFrom)
                + (node == null ? "" : " node=" + node)
                + " pauses=" + ratePauses + " retryBudget=" + retryBudgetLeft + " budgetRefused=" + retryBudgetRefused
                + byKind.entrySet().stream().filter(figures -> figures.getValue().any())
                        .map(figures -> " " + figures.getKey() + "[" + figures.getValue().toLogPart() + "]")
                        .collect(Collectors.joining())
                + (error == null ? "" : " error=\"" + error + "\"");
    }
}

package org.wfmagentsync.run;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.PushLimits;
import org.wfmagentsync.model.RunSummary;

/** The live counters of one run, per kind of event; the push path updates them from many threads. */
final class RunStats {

    /** One kind's counters. */
    static final class KindStats {
        final AtomicLong changed = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong conflicts = new AtomicLong();
        final AtomicLong rateLimited = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        /** Dead-lettered anew by this run (the recorder tells which: not an entry still open from before). */
        final AtomicLong deadLettered = new AtomicLong();

        RunSummary.KindFigures figures() {
            return new RunSummary.KindFigures(changed.get(), sent.get(), requests.get(), conflicts.get(),
                    rateLimited.get(), retries.get(), delivered.get(), deadLettered.get());
        }
    }

    final String runId;
    final String kind;
    final OffsetDateTime startedAt;
    /** The instance running it. */
    final String node;
    final long startNanos = System.nanoTime();
    final AtomicLong fetched = new AtomicLong();
    private final Map<EventKind, KindStats> byKind = new EnumMap<>(EventKind.class);
    /** Dead-lettered anew, updates that never became an event (refused rows, unmapped states). */
    final AtomicLong deadLetteredWithoutKind = new AtomicLong();
    /** Events a graceful stop left unsent: not failures, so not dead-lettered; the next run sends them. */
    final AtomicLong abandoned = new AtomicLong();
    final AtomicReference<String> error = new AtomicReference<>();

    RunStats(String runId, String kind, OffsetDateTime startedAt, String node) {
        this.runId = runId;
        this.kind = kind;
        this.startedAt = startedAt;
        this.node = node;
        for (EventKind eventKind : EventKind.values()) {
            byKind.put(eventKind, new KindStats());
        }
    }

    /** The counters of one kind (the map is filled once, so reading it from many threads is safe). */
    KindStats of(EventKind eventKind) {
        return byKind.get(eventKind);
    }

    /** What is known so far, kept while the run is in progress (a process that dies leaves this behind). */
    RunSummary inProgress(OffsetDateTime now) {
        Totals totals = totals();
        return new RunSummary(runId, kind, startedAt, now, RunSummary.Outcome.RUNNING, null, fetched.get(), totals.changed,
                totals.sent, totals.requests, totals.conflicts, totals.rateLimited, totals.retries, totals.delivered,
                totals.deadLettered, null, (System.nanoTime() - startNanos) / 1_000_000, 0, 0, 0, 0, 0, 0, 0,
                figures(), null, node);
    }

    /** @param stillOpen the dead letters open as the run ends */
    RunSummary summarize(OffsetDateTime finishedAt, PushLimits limits, long stillOpen) {
        String failure = error.get();
        long unsent = abandoned.get();
        if (failure == null && unsent > 0) {
            failure = "the connector was stopped during the run: " + unsent + " event(s) not sent; the next run sends them";
        }
        Totals totals = totals();
        RunSummary.Outcome outcome = unsent > 0 ? RunSummary.Outcome.INTERRUPTED
                : failure != null ? RunSummary.Outcome.FAILED
                : totals.deadLettered > 0 ? RunSummary.Outcome.PARTIAL : RunSummary.Outcome.SUCCEEDED;
        return new RunSummary(runId, kind, startedAt, finishedAt, outcome, failure, fetched.get(), totals.changed,
                totals.sent, totals.requests, totals.conflicts, totals.rateLimited, totals.retries, totals.delivered,
                totals.deadLettered, stillOpen, (System.nanoTime() - startNanos) / 1_000_000, limits.limitStart(),
                limits.limitEnd(), limits.limitLowest(), limits.limitHighest(), limits.ratePauses(),
                limits.budgetTokens(), limits.budgetRefused(), figures(), limits.limitFrom(), node);
    }

    /** The figures of each kind the run had anything to do with. */
    private Map<EventKind, RunSummary.KindFigures> figures() {
        Map<EventKind, RunSummary.KindFigures> figures = new EnumMap<>(EventKind.class);
        byKind.forEach((eventKind, stats) -> {
            RunSummary.KindFigures of = stats.figures();
            if (of.any()) {
                figures.put(eventKind, of);
            }
        });
        return figures;
    }

    private Totals totals() {
        Totals totals = new Totals();
        totals.deadLettered = deadLetteredWithoutKind.get();
        for (KindStats stats : byKind.values()) {
            totals.changed += stats.changed.get();
            totals.sent += stats.sent.get();
            totals.requests += stats.requests.get();
            totals.conflicts += stats.conflicts.get();
            totals.rateLimited += stats.rateLimited.get();
            totals.retries += stats.retries.get();
            totals.delivered += stats.delivered.get();
            totals.deadLettered += stats.deadLettered.get();
        }
        return totals;
    }

    private static final class Totals {
        long changed;
        long sent;
        long requests;
        long conflicts;
        long rateLimited;
        long retries;
        long delivered;
        long deadLettered;
    }
}

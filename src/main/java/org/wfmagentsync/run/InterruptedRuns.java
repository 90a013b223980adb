package org.wfmagentsync.run;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;
import org.wfmagentsync.store.Recorded;
import org.wfmagentsync.store.RunSummaryStore;

/**
 * At start-up, puts right what a connector process that was killed or crashed left unfinished in
 * the state database: its run, kept as {@code RUNNING}, becomes {@code INTERRUPTED} with what it
 * had recorded, and dead letters its replay had claimed are open again. Nothing else needs
 * repair: every other write is one transaction, and what was not recorded as delivered is still
 * a change that the next run sends (its {@code eventId} makes a second send harmless).
 *
 * <p>Runs holding the run lock, before each run (and once at start-up, if the lock is free): no run
 * is in progress then, on this instance or any other on the same state database, so a
 * {@code RUNNING} row found belongs to a process that is gone, and the first instance to take the
 * lock after it died closes it, once.
 */
public final class InterruptedRuns {

    static final String WHY = "the connector stopped before the run ended (killed, crashed or stopped);"
            + " what it had not delivered goes out with the next run";
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedRuns.class);

    private final RunSummaryStore runs;
    private final DeliveredStateStore delivered;
    private final DeadLetterStore deadLetters;

    public InterruptedRuns(RunSummaryStore runs, DeliveredStateStore delivered, DeadLetterStore deadLetters) {
        this.runs = runs;
        this.delivered = delivered;
        this.deadLetters = deadLetters;
    }

    /** Closes the runs a dead process left and releases its replay's claims; returns the runs closed. */
    public List<RunSummary> recover() {
        List<RunSummary> closed = runs.unfinished().stream().map(this::close).toList();
        int released = deadLetters.releaseAbandonedClaims();
        if (released > 0) {
            LOG.warn("{} dead letter(s) claimed by a replay that did not end are open again; replay them to send them",
                    released);
        }
        return closed;
    }

    private RunSummary close(RunSummary running) {
        OffsetDateTime start = running.startedAt();
        // Deliveries carry no run id: those recorded since the start are the run's (one run at a time, across instances).
        Recorded deliveredSince = delivered.deliveredSince(start);
        Recorded deadLettered = deadLetters.deadLetteredBy(running.runId(), start);
        OffsetDateTime lastProgress = latest(start, latest(deliveredSince.latest(), deadLettered.latest()));
        RunSummary interrupted = byKind(running.interrupted(lastProgress, deliveredSince.count(), deadLettered.count(),
                deadLetters.openCount(), WHY), start);
        runs.save(interrupted);
        LOG.warn("{} run {} (started {}) INTERRUPTED: {}. Before it stopped it had fetched={} changed={} and recorded"
                + " delivered={} deadLettered={}; its last progress was at {}. Dead letters open now: stillOpen={}",
                interrupted.kind(), interrupted.runId(), interrupted.startedAt(), WHY, interrupted.fetched(),
                interrupted.changed(), interrupted.delivered(), interrupted.deadLettered(), interrupted.finishedAt(),
                interrupted.stillOpen());
        return interrupted;
    }

    /** Each kind's figures as kept while it ran, with what it had recorded of that kind as delivered and dead-lettered. */
    private RunSummary byKind(RunSummary interrupted, OffsetDateTime start) {
        Map<EventKind, Long> deliveredByKind = delivered.deliveredSinceByKind(start);
        Map<EventKind, Long> deadLetteredByKind = deadLetters.deadLetteredByKind(interrupted.runId(), start);
        Map<EventKind, RunSummary.KindFigures> figures = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            RunSummary.KindFigures kept = interrupted.of(kind);
            RunSummary.KindFigures recorded = new RunSummary.KindFigures(kept.changed(), kept.sent(), kept.requests(),
                    kept.conflicts409(), kept.rateLimited429(), kept.retries(), deliveredByKind.getOrDefault(kind, 0L),
                    deadLetteredByKind.getOrDefault(kind, 0L));
            if (recorded.any()) {
                figures.put(kind, recorded);
            }
        }
        return interrupted.withByKind(figures);
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}

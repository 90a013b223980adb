package org.wfmagentsync.deadletter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.FailureRecord;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.Saved;
import org.wfmagentsync.support.Credentials;
import org.wfmagentsync.support.LogFields;

/**
 * The persistent dead-letter channel's writer: every {@link FailureRecord} a stage hands over (a bad
 * legacy row, an unmapped agent, an event Genesys Cloud refused, a batch whose retries ran out) is
 * stored with its reason and attempt history, counted in the run that dead-lettered it anew, and
 * logged.
 */
public class DeadLetterRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    /** Dead letters of one kind (bad or unmapped rows; events Genesys Cloud refused) logged one by one per run before one line says the rest is not. */
    static final int FEED_LINES_PER_RUN = 20;

    private final DeadLetterStore store;
    private final SyncMetrics metrics;
    private final RunEvents runs;
    private final Clock clock;
    private final FeedLines feedLines = new FeedLines();
    private final Consumer<FailureRecord> observer;

    public DeadLetterRecorder(DeadLetterStore store, SyncMetrics metrics, RunEvents runs, Clock clock) {
        this(store, metrics, runs, clock, failure -> { });
    }

    /** {@code observer} hears of every failure once it is kept (the org's directory listens for unknown users). */
    public DeadLetterRecorder(DeadLetterStore store, SyncMetrics metrics, RunEvents runs, Clock clock,
            Consumer<FailureRecord> observer) {
        this.store = store;
        this.metrics = metrics;
        this.runs = runs;
        this.clock = clock;
        this.observer = observer;
    }

    /**
     * Keeps one failure, with a log line of its own (for bad and unmapped rows and refused events, the first few of a
     * run) that carries its run, agent and kind as log fields: it may be written on a thread that is not the run's.
     */
    public void record(FailureRecord failure) {
        String detail = keep(failure);
        if (feedLines.admit(failure.runId(), failure.reason())) {
            try (LogFields fields = LogFields.of(failure.runId(), failure.agentId(), failure.kind())) {
                LOG.warn("dead-lettered {} ({}): {}{}", failure.agentId() == null ? "record" : "agent " + failure.agentId(),
                        failure.reason(), detail, failure.kind() == null ? "" : " [" + failure.kind().words() + " event]");
            }
        }
    }

    /**
     * Keeps the failures of one batch (one reason) with one log line for all of them, saying {@code why}; the line
     * carries the run and, when all of them share one, the kind and the agent as log fields.
     */
    public void recordBatch(List<FailureRecord> failures, String why) {
        if (failures.isEmpty()) {
            return;
        }
        failures.forEach(this::keep);
        String kinds = kindWords(failures);
        EventKind kind = failures.get(0).kind();
        String agent = failures.get(0).agentId();
        boolean oneKind = failures.stream().allMatch(failure -> failure.kind() == kind);
        boolean oneAgent = failures.stream().allMatch(failure -> Objects.equals(failure.agentId(), agent));
        try (LogFields fields = LogFields.of(failures.get(0).runId(), oneAgent ? agent : null, oneKind ? kind : null)) {
            LOG.warn("dead-lettered {} event(s) ({}) for agents {}: {}{}", failures.size(), failures.get(0).reason(),
                    agents(failures), why, kinds.isEmpty() ? "" : " [" + kinds + " events]");
        }
    }

    /** Stores the failure; returns its detail as kept. */
    private String keep(FailureRecord failure) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // details and bodies may quote Genesys Cloud's answers, per-event messages included: no credential they echo is kept
        String detail = Credentials.mask(failure.detail());
        Saved saved = store.save(DeadLetter.open(failure.kind(), failure.eventId(), failure.agentId(), failure.userId(),
                failure.reason(), detail, failure.httpStatus(), Credentials.mask(failure.responseBody()),
                failure.eventJson(), failure.stateKey(), failure.eventTime(), failure.attempts(),
                failure.firstAttemptAt() == null ? now : failure.firstAttemptAt(),
                failure.lastAttemptAt() == null ? now : failure.lastAttemptAt(),
                failure.runId() == null ? "none" : failure.runId()),
                failure.history().stream().map(attempt -> new Attempt(attempt.number(), attempt.at(),
                        attempt.httpStatus(), Credentials.mask(attempt.outcome()), attempt.runId())).toList());
        // The run's outcome counts what it dead-lettered anew: a new entry, a replay's entry failing again, or one
        // it sent again by itself (re-drive) that failed again. An entry it only updated, still open from before (an
        // unmapped agent every run re-reads), counts once, when it was opened; the summary's stillOpen shows it.
        if (saved.newToRun() || failure.attempts() > 0) {
            metrics.deadLettered(failure.reason(), failure.kind(), 1);
            runs.deadLettered(failure.runId(), failure.kind(), 1);
        }
        observer.accept(failure);
        return detail;
    }

    /** The kind of a batch's events (one kind to a batch), as words. */
    private static String kindWords(List<FailureRecord> failures) {
        return failures.stream().map(FailureRecord::kind).filter(Objects::nonNull).map(kind -> kind.words())
                .distinct().collect(Collectors.joining(" and "));
    }

    private static String agents(List<FailureRecord> failures) {
        String listed = failures.stream().limit(5).map(FailureRecord::agentId).collect(Collectors.joining(", "));
        return failures.size() > 5 ? listed + " and " + (failures.size() - 5) + " more" : listed;
    }

    /**
     * A feed with thousands of bad rows or unmapped agents, or a mapping Genesys Cloud refuses for
     * every agent, must not flood the log: per run, the first {@link #FEED_LINES_PER_RUN} of each kind
     * (bad or unmapped rows; events Genesys Cloud refused) are logged one by one, then one line says
     * where the rest is. Every one is stored whatever the log says. Runs never overlap (replays
     * included), so counters for the current run are enough.
     */
    private static final class FeedLines {

        private String runId;
        private final Map<Kind, Integer> logged = new EnumMap<>(Kind.class);

        /** The dead letters that come one per agent, and what the line after the first few says of the rest. */
        private enum Kind {
            FEED("bad or unmapped legacy rows", "`deadletters list --reason INVALID_RECORD` or `--reason UNMAPPED`"),
            REFUSED("events Genesys Cloud refused", "`deadletters list --reason EVENT_REJECTED`");

            private final String what;
            private final String listedBy;

            Kind(String what, String listedBy) {
                this.what = what;
                this.listedBy = listedBy;
            }

            static Kind of(DeadLetterReason reason) {
                return switch (reason) {
                    case INVALID_RECORD, UNMAPPED -> FEED;
                    case EVENT_REJECTED -> REFUSED;
                    default -> null;
                };
            }
        }

        synchronized boolean admit(String run, DeadLetterReason reason) {
            Kind kind = Kind.of(reason);
            if (kind == null) {
                return true;
            }
            if (!Objects.equals(run, runId)) {
                runId = run;
                logged.clear();
            }
            int count = logged.merge(kind, 1, Integer::sum);
            if (count == FEED_LINES_PER_RUN + 1) {
                try (LogFields fields = LogFields.of(run, null, null)) {
                    LOG.warn("more {} in run {} are dead-lettered without a log line each; the run summary counts"
                            + " them and {} lists them", kind.what, run, kind.listedBy);
                }
            }
            return count <= FEED_LINES_PER_RUN;
        }
    }
}

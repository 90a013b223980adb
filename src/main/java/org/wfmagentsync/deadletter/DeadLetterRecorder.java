package org.wfmagentsync.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.delta.EventIds;
import org.wfmagentsync.legacy.RejectedRecord;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.push.ConnectorStopping;
import org.wfmagentsync.push.PresenceBatch;
import org.wfmagentsync.push.RetryPolicy;
import org.wfmagentsync.run.RunTracker;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.support.Credentials;

/**
 * Writes dead letters with their reason and context: bad legacy rows, unmapped agents and states,
 * events Genesys Cloud refused, and whole batches whose retries ran out (the dead-letter channel's target).
 */
public class DeadLetterRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final DeadLetterStore store;
    private final ObjectMapper json;
    private final SyncMetrics metrics;
    private final Clock clock;
    private RunTracker runs;
    private RetryPolicy retryPolicy;

    /** Feed-stage dead letters (bad rows, unmapped agents) logged one by one per run before one line says the rest is not. */
    static final int FEED_LINES_PER_RUN = 20;

    private final FeedLines feedLines = new FeedLines();

    public DeadLetterRecorder(DeadLetterStore store, ObjectMapper json, SyncMetrics metrics, Clock clock) {
        this.store = store;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void setRuns(RunTracker runs) {
        this.runs = runs;
    }

    public void setRetryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public void invalidRecord(String runId, RejectedRecord rejected) {
        String eventId = UUID.nameUUIDFromBytes(rejected.rawJson().getBytes(StandardCharsets.UTF_8)).toString();
        record(runId, new Entry(eventId, rejected.agentId(), null, DeadLetterReason.INVALID_RECORD,
                rejected.message(), null, null, rejected.rawJson(), null, rejected.changedAt(), 0, null, null,
                List.of()), true);
    }

    public void unmapped(String runId, AgentState agent, String detail) {
        record(runId, new Entry(EventIds.of(agent), agent.agentId(), null, DeadLetterReason.UNMAPPED, detail,
                null, null, agent.rawJson(), agent.stateKey(), agent.changedAt(), 0, null, null, List.of()), true);
    }

    public void eventRejected(PresenceBatch batch, StatusEvent event, int status, String message, String body) {
        List<Attempt> history = batch.historyWith(event, status, "event refused: " + message);
        record(batch.runId(), new Entry(event.eventId(), event.agentId(), event.userId(),
                DeadLetterReason.EVENT_REJECTED, "Genesys Cloud refused event for agent " + event.agentId() + ": "
                + message, status, body, write(event), event.stateKey(), eventTime(event), batch.attemptsOf(event),
                batch.firstAttemptOf(event),
                batch.lastAttemptAt(), history), true);
    }

    /** The dead-letter channel's target: every event still pending in a batch whose delivery gave up. */
    public void batchFailed(Exchange exchange) {
        PresenceBatch batch = exchange.getProperty(PresenceBatch.PROPERTY, PresenceBatch.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RetryPolicy.Verdict verdict = retryPolicy.judge(cause);
        if (cause instanceof ConnectorStopping || runs.stopping() && verdict.retryable()) {
            // not a failure of the delivery: the stop cut it short, and the next run sends these again
            runs.abandoned(batch.runId(), batch.pending().size());
            LOG.debug("connector stopping: {} event(s) not sent ({}), left for the next run", batch.pending().size(),
                    verdict.description());
            batch.retain(List.of());
            return;
        }
        boolean budget = batch.budgetRefused() && verdict.retryable();
        DeadLetterReason reason = budget ? DeadLetterReason.RETRY_BUDGET_EXHAUSTED : verdict.reason();
        String detail = reason == DeadLetterReason.REJECTED || reason == DeadLetterReason.AUTH_FAILED
                ? verdict.description() : verdict.description() + " after " + batch.attempts() + " attempt(s)"
                + (budget ? "; the retry budget refused another attempt" : "");
        for (StatusEvent event : batch.pending()) {
            record(batch.runId(), new Entry(event.eventId(), event.agentId(), event.userId(),
                    reason, detail, verdict.status(), verdict.responseBody(), write(event), event.stateKey(),
                    eventTime(event), batch.attemptsOf(event), batch.firstAttemptOf(event), batch.lastAttemptAt(),
                    batch.historyOf(event)), false);
        }
        LOG.warn("dead-lettered {} event(s) ({}) for agents {}: {}", batch.pending().size(), reason,
                agents(batch.pending()), detail);
        batch.retain(List.of());
    }

    /** Events whose retryable per-event errors went on through every attempt they had. */
    public void eventsExhausted(PresenceBatch batch, List<StatusEvent> events, Map<String, String> messages,
            int status, String body) {
        for (StatusEvent event : events) {
            String message = messages.getOrDefault(event.eventId(), "no message");
            List<Attempt> history = batch.historyWith(event, status, "retryable event error: " + message);
            record(batch.runId(), new Entry(event.eventId(), event.agentId(), event.userId(),
                    DeadLetterReason.CONFLICT_EXHAUSTED, "Genesys Cloud kept answering for agent " + event.agentId()
                    + ": " + message + " (after " + batch.attemptsOf(event) + " attempt(s))", status, body,
                    write(event), event.stateKey(), eventTime(event), batch.attemptsOf(event),
                    batch.firstAttemptOf(event), batch.lastAttemptAt(), history), false);
        }
        LOG.warn("dead-lettered {} event(s) ({}) for agents {}: retryable event errors never cleared", events.size(),
                DeadLetterReason.CONFLICT_EXHAUSTED, agents(events));
    }

    /** Events waiting for another round that the retry budget would not pay for. */
    public void budgetRefused(String runId, List<StatusEvent> events, Map<String, PresenceBatch.Carry> carried,
            Map<String, String> lastMessage) {
        for (StatusEvent event : events) {
            PresenceBatch.Carry carry = carried.get(event.eventId());
            String last = lastMessage.getOrDefault(event.eventId(), "a retryable event error");
            record(runId, new Entry(event.eventId(), event.agentId(), event.userId(),
                    DeadLetterReason.RETRY_BUDGET_EXHAUSTED, "the retry budget refused another attempt for agent "
                    + event.agentId() + " after " + (carry == null ? 0 : carry.attempts()) + " attempt(s); last answer: "
                    + last, 200, null, write(event), event.stateKey(), eventTime(event),
                    carry == null ? 0 : carry.attempts(), carry == null ? null : carry.firstAttemptAt(),
                    carry == null || carry.history().isEmpty() ? null
                            : carry.history().get(carry.history().size() - 1).at(),
                    carry == null ? List.of() : carry.history()), false);
        }
        LOG.warn("dead-lettered {} event(s) ({}) for agents {}: retries are over budget", events.size(),
                DeadLetterReason.RETRY_BUDGET_EXHAUSTED, agents(events));
    }

    private record Entry(String eventId, String agentId, String userId, DeadLetterReason reason, String detail,
            Integer status, String body, String eventJson, String stateKey, OffsetDateTime eventTime, int attempts,
            OffsetDateTime first,
            OffsetDateTime last, List<Attempt> history) {
    }

    private static OffsetDateTime eventTime(StatusEvent event) {
        return OffsetDateTime.parse(event.eventDateTime());
    }

    private static String agents(List<StatusEvent> events) {
        String listed = events.stream().limit(5).map(StatusEvent::agentId).collect(Collectors.joining(", "));
        return events.size() > 5 ? listed + " and " + (events.size() - 5) + " more" : listed;
    }

    private void record(String runId, Entry entry, boolean log) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // details and bodies may quote Genesys Cloud's answers, per-event messages included: no credential they echo is kept
        String detail = Credentials.mask(entry.detail());
        store.save(DeadLetter.open(entry.eventId(), entry.agentId(), entry.userId(), entry.reason(), detail,
                entry.status(), Credentials.mask(entry.body()), entry.eventJson(), entry.stateKey(), entry.eventTime(),
                entry.attempts(),
                entry.first() == null ? now : entry.first(), entry.last() == null ? now : entry.last(),
                runId == null ? "none" : runId), entry.history().stream().map(attempt -> new Attempt(attempt.number(),
                        attempt.at(), attempt.httpStatus(), Credentials.mask(attempt.outcome()), attempt.runId())).toList());
        metrics.deadLettered(entry.reason(), 1);
        if (runs != null) {
            runs.deadLettered(runId, 1);
        }
        if (log && feedLines.admit(runId, entry.reason())) {
            LOG.warn("dead-lettered {} ({}): {}", entry.agentId() == null ? "record" : "agent " + entry.agentId(),
                    entry.reason(), detail);
        }
    }

    private String write(StatusEvent event) {
        return new EventJson(json).event(event);
    }

    /**
     * A feed with thousands of bad rows or unmapped agents must not flood the log: the first
     * {@link #FEED_LINES_PER_RUN} of a run are logged one by one, then one line says where the rest
     * is. Every one is stored whatever the log says. Sync runs never overlap, and only they record
     * feed-stage reasons, so one counter for the current run is enough.
     */
    private static final class FeedLines {

        private String runId;
        private int logged;

        synchronized boolean admit(String run, DeadLetterReason reason) {
            if (reason != DeadLetterReason.INVALID_RECORD && reason != DeadLetterReason.UNMAPPED) {
                return true;
            }
            if (!Objects.equals(run, runId)) {
                runId = run;
                logged = 0;
            }
            logged++;
            if (logged == FEED_LINES_PER_RUN + 1) {
                LOG.warn("more bad or unmapped legacy rows in run {} are dead-lettered without a log line each;"
                        + " the run summary counts them and `deadletters list --reason INVALID_RECORD` or"
                        + " `--reason UNMAPPED` lists them", run);
            }
            return logged <= FEED_LINES_PER_RUN;
        }
    }
}

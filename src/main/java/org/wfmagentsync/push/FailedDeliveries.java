package org.wfmagentsync.push;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.FailureRecord;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.model.Timestamps;

/**
 * Tells the dead-letter store what the push could not deliver, each event with the reason, Genesys
 * Cloud's answer and its attempt history: an event Genesys Cloud refused, events whose retryable
 * errors never cleared, events the retry budget would not pay for, and every event still pending in
 * a batch whose delivery gave up (the dead-letter channel's target). A batch cut short because the
 * connector is stopping is not a failure: its events are left for the next run.
 */
public class FailedDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(FailedDeliveries.class);

    private final DeadLetterRecorder deadLetters;
    private final EventJson eventJson;
    private final RetryPolicy retryPolicy;
    private final RunEvents runs;
    private final BooleanSupplier stopping;

    public FailedDeliveries(DeadLetterRecorder deadLetters, EventJson eventJson, RetryPolicy retryPolicy,
            RunEvents runs, BooleanSupplier stopping) {
        this.deadLetters = deadLetters;
        this.eventJson = eventJson;
        this.retryPolicy = retryPolicy;
        this.runs = runs;
        this.stopping = stopping;
    }

    /** The dead-letter channel's target: every event still pending in a batch whose delivery gave up. */
    public void batchGaveUp(Exchange exchange) {
        EventBatch batch = exchange.getProperty(EventBatch.PROPERTY, EventBatch.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RetryPolicy.Verdict verdict = retryPolicy.judge(cause);
        if (cause instanceof ConnectorStopping || stopping.getAsBoolean() && verdict.retryable()) {
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
        deadLetters.recordBatch(batch.pending().stream().map(event -> failure(batch.runId(), event, reason, detail,
                verdict.status(), verdict.responseBody(), batch.attemptsOf(event), batch.firstAttemptOf(event),
                batch.lastAttemptAt(), batch.historyOf(event))).toList(), detail);
        batch.retain(List.of());
    }

    /** Genesys Cloud accepted the request but refused this event as not retryable. */
    void eventRejected(EventBatch batch, StatusEvent event, int status, String message, String body) {
        deadLetters.record(failure(batch.runId(), event, DeadLetterReason.EVENT_REJECTED,
                "Genesys Cloud refused event for agent " + event.agentId() + ": " + message, status, body,
                batch.attemptsOf(event), batch.firstAttemptOf(event), batch.lastAttemptAt(),
                batch.historyWith(event, status, "event refused: " + message)));
    }

    /** Events whose retryable per-event errors went on through every attempt they had. */
    void eventsExhausted(EventBatch batch, List<StatusEvent> events, Map<String, String> messages, int status,
            String body) {
        deadLetters.recordBatch(events.stream().map(event -> {
            String message = messages.getOrDefault(event.eventId(), "no message");
            return failure(batch.runId(), event, DeadLetterReason.CONFLICT_EXHAUSTED, "Genesys Cloud kept answering for"
                    + " agent " + event.agentId() + ": " + message + " (after " + batch.attemptsOf(event)
                    + " attempt(s))", status, body, batch.attemptsOf(event), batch.firstAttemptOf(event),
                    batch.lastAttemptAt(), batch.historyWith(event, status, "retryable event error: " + message));
        }).toList(), "retryable event errors never cleared");
    }

    /** Events waiting for another round that the retry budget would not pay for. */
    void budgetRefused(String runId, List<StatusEvent> events, Map<String, EventBatch.Carry> carried,
            Map<String, String> lastMessage) {
        deadLetters.recordBatch(events.stream().map(event -> {
            EventBatch.Carry carry = carried.get(event.eventId());
            String last = lastMessage.getOrDefault(event.eventId(), "a retryable event error");
            int attempts = carry == null ? 0 : carry.attempts();
            return failure(runId, event, DeadLetterReason.RETRY_BUDGET_EXHAUSTED, "the retry budget refused another"
                    + " attempt for agent " + event.agentId() + " after " + attempts + " attempt(s); last answer: "
                    + last, 200, null, attempts, carry == null ? null : carry.firstAttemptAt(),
                    carry == null || carry.history().isEmpty() ? null
                            : carry.history().get(carry.history().size() - 1).at(),
                    carry == null ? List.of() : carry.history());
        }).toList(), "retries are over budget");
    }

    /**
     * An event that alone makes a request larger than Genesys Cloud takes: sending it would only earn a
     * 413, so it is dead-lettered as REJECTED without a request.
     */
    void tooLarge(String runId, StatusEvent event, int bytes) {
        deadLetters.record(failure(runId, event, DeadLetterReason.REJECTED, "the " + event.kind().words() + " event for"
                + " agent " + event.agentId() + " is " + bytes + " bytes: a request holding it alone would be larger than"
                + " the " + EventJson.MAX_REQUEST_BYTES + " bytes Genesys Cloud takes (413 request.entity.too.large),"
                + " so it was not sent; shorten its message in states.csv", null, null, 0, null, null, List.of()));
    }

    private FailureRecord failure(String runId, StatusEvent event, DeadLetterReason reason, String detail,
            Integer status, String body, int attempts, OffsetDateTime first, OffsetDateTime last,
            List<Attempt> history) {
        return new FailureRecord(runId, reason, detail, event.kind(), event.eventId(), event.agentId(), event.userId(),
                eventJson.event(event), event.stateKey(), Timestamps.parse(event.eventDateTime()), status, body,
                attempts, first, last, history);
    }
}

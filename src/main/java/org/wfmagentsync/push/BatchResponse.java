package org.wfmagentsync.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;
import org.wfmagentsync.support.ForeignText;

/**
 * Reads Genesys Cloud's answer to one attempt: success records what was delivered, per-event
 * errors are split into dead letters (not retryable) and the next round (retryable, see
 * {@link PushRounds}), and any other status becomes a {@link PushFailure} for the error policy to judge.
 */
public class BatchResponse {

    private final ObjectMapper json;
    private final DeliveredStateStore delivered;
    private final DeadLetterStore deadLetterStore;
    private final FailedDeliveries failures;
    private final SyncMetrics metrics;
    private final RunEvents runs;
    private final Clock clock;
    private final PushRounds rounds;
    private final RetryBudget budget;

    public BatchResponse(ObjectMapper json, DeliveredStateStore delivered, DeadLetterStore deadLetterStore,
            FailedDeliveries failures, SyncMetrics metrics, RunEvents runs, Clock clock, PushRounds rounds,
            RetryBudget budget) {
        this.json = json;
        this.delivered = delivered;
        this.deadLetterStore = deadLetterStore;
        this.failures = failures;
        this.metrics = metrics;
        this.runs = runs;
        this.clock = clock;
        this.rounds = rounds;
        this.budget = budget;
    }

    /** Ends the attempt whatever happened: drops the bearer token from the message, counts in-flight. */
    public void attemptEnded(Exchange exchange) {
        exchange.getMessage().removeHeader("Authorization");
        EventBatch batch = exchange.getProperty(EventBatch.PROPERTY, EventBatch.class);
        // only an attempt that got as far as its request was counted in flight (the gate may have refused it)
        if (batch != null && batch.inFlight()) {
            batch.inFlight(false);
            metrics.requestEnded(batch.kind());
        }
    }

    public void handle(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        EventBatch batch = exchange.getProperty(EventBatch.PROPERTY, EventBatch.class);
        metrics.response(batch.kind(), status);
        runs.request(batch.runId(), batch.kind(), status);
        if (status / 100 != 2) {
            throw failure(status, message, body);
        }
        JsonNode errors = readErrors(body);
        if (errors == null) {
            throw new PushFailure(status, "unexpected.body", "the answer has no 'errors' list, so delivery is unknown",
                    null, body);
        }
        Map<String, JsonNode> errorByEvent = new HashMap<>();
        errors.forEach(error -> errorByEvent.put(error.path("eventId").asText(), error));
        String stray = strayError(errorByEvent, batch);
        if (stray != null) {
            // Something failed, but not an event we sent: which were applied is unknown, so the batch is
            // sent again (deterministic eventIds make that idempotent) rather than counted as delivered.
            throw new PushFailure(status, "unexpected.body", "an error in the answer names no event of this request ("
                    + stray + "), so delivery is unknown", null, body);
        }
        List<StatusEvent> accepted = new ArrayList<>();
        List<StatusEvent> retryable = new ArrayList<>();
        Map<String, String> retryMessages = new LinkedHashMap<>();
        for (StatusEvent event : batch.pending()) {
            JsonNode error = errorByEvent.get(event.eventId());
            if (error == null) {
                accepted.add(event);
            } else if (error.path("retryable").asBoolean(false)) {
                retryable.add(event);
                retryMessages.put(event.eventId(), oneLine(textOrNull(error.path("message")), "no message"));
            } else {
                failures.eventRejected(batch, event, status, oneLine(textOrNull(error.path("message")), "no message"),
                        body);
            }
        }
        delivered.recordDelivery(accepted, deadLetterStore);
        metrics.delivered(batch.kind(), accepted.size());
        runs.delivered(batch.runId(), batch.kind(), accepted.size());
        budget.succeeded(batch.isRetry());
        if (!retryable.isEmpty()) {
            rounds.nextRound(exchange, batch, retryable, retryMessages, status, body);
        }
        batch.retain(List.of());
        message.setBody(null);
    }

    private PushFailure failure(int status, Message message, String body) {
        JsonNode error = GenesysAnswers.json(json, body);
        String code = error == null ? null : oneLine(textOrNull(error.path("code")), null);
        String text = error != null ? oneLine(textOrNull(error.path("message")), null)
                : body == null || body.isBlank() ? "empty body" : "the body is not JSON: '" + oneLine(body, "") + "'";
        String retryAfter = GenesysAnswers.header(message, "Retry-After");
        return new PushFailure(status, code, text, RetryAfter.parse(retryAfter, clock), body);
    }

    private JsonNode readErrors(String body) {
        JsonNode answer = GenesysAnswers.json(json, body);
        if (answer == null || !answer.isObject()) {
            return null;
        }
        JsonNode errors = answer.get("errors");
        if (errors == null || errors.isNull()) {
            return json.createArrayNode();
        }
        return errors.isArray() ? errors : null;
    }

    /** The eventId of an error that matches no event still pending in the batch, or null when all match. */
    private static String strayError(Map<String, JsonNode> errorByEvent, EventBatch batch) {
        Set<String> pending = new HashSet<>();
        batch.pending().forEach(event -> pending.add(event.eventId()));
        for (String eventId : errorByEvent.keySet()) {
            if (!pending.contains(eventId)) {
                return eventId.isEmpty() ? "an error without an eventId" : "eventId '" + oneLine(eventId, "") + "'";
            }
        }
        return null;
    }

    /** A string value of an answer's field, or null when it is absent, not a string or blank. */
    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** Text from Genesys Cloud on one line, at most 200 characters (see {@link ForeignText}). */
    static String oneLine(String text, String fallback) {
        return ForeignText.oneLine(text, fallback, 200);
    }
}

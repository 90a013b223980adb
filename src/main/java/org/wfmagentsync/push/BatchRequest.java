package org.wfmagentsync.push;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.RunEvents;

/**
 * Builds each attempt's request from what is still pending: the body for the batch's kind of event, and
 * the exchange property {@link #EVENT_KIND} by which the route picks that kind's endpoint.
 */
public class BatchRequest {

    /** The exchange property naming the kind of the request's events ({@code PRESENCE}, {@code ROUTING_STATUS}). */
    public static final String EVENT_KIND = "wfmEventKind";

    private final TokenCache tokens;
    private final EventJson eventJson;
    private final SyncMetrics metrics;
    private final RunEvents runs;
    private final Clock clock;

    public BatchRequest(TokenCache tokens, EventJson eventJson, SyncMetrics metrics, RunEvents runs, Clock clock) {
        this.tokens = tokens;
        this.eventJson = eventJson;
        this.metrics = metrics;
        this.runs = runs;
        this.clock = clock;
    }

    /** Takes one split group, a batch of its round, as the exchange's batch (the first step for each group). */
    public void newBatch(EventBatch batch, Exchange exchange) {
        exchange.setProperty(EventBatch.PROPERTY, batch);
    }

    /**
     * Sets body and headers for one attempt; runs again on every redelivery. A round-1 batch's first
     * attempt counts its events as sent: here, past the push gate, and not when the split hands the
     * batch out, since a stop abandons the batches still waiting at the gate unsent.
     */
    public void prepare(Exchange exchange) {
        EventBatch batch = exchange.getProperty(EventBatch.PROPERTY, EventBatch.class);
        batch.attempt(OffsetDateTime.now(clock));
        if (batch.round() == 1 && batch.attempts() == 1) {
            runs.sent(batch.runId(), batch.kind(), batch.pending().size());
        }
        TokenCache.Token token = tokens.current();
        batch.usedToken(token.generation());
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Authorization", "Bearer " + token.value());
        message.setBody(eventJson.request(batch.kind(), batch.pending()));
        exchange.setProperty(EVENT_KIND, batch.kind().name());
        batch.inFlight(true);
        metrics.requestStarted(batch.kind());
    }
}

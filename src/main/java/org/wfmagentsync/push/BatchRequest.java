package org.wfmagentsync.push;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;

/** Builds each attempt's request (today {@code POST /api/v2/events/users/presence}) from what is still pending. */
public class BatchRequest {

    private final TokenCache tokens;
    private final EventJson eventJson;
    private final SyncMetrics metrics;
    private final RunEvents runs;
    private final Clock clock;
    private final PushRounds rounds;

    public BatchRequest(TokenCache tokens, EventJson eventJson, SyncMetrics metrics, RunEvents runs, Clock clock,
            PushRounds rounds) {
        this.tokens = tokens;
        this.eventJson = eventJson;
        this.metrics = metrics;
        this.runs = runs;
        this.clock = clock;
        this.rounds = rounds;
    }

    /** Wraps one split group of events as a batch (the first step for each group). */
    public void newBatch(List<StatusEvent> events, Exchange exchange) {
        EventBatch batch = new EventBatch(PushRounds.runId(exchange), events, rounds.round(exchange),
                rounds.carried(exchange));
        exchange.setProperty(EventBatch.PROPERTY, batch);
        if (batch.round() == 1) {
            runs.sent(batch.runId(), events.size());
        }
    }

    /** Sets body and headers for one attempt; runs again on every redelivery. */
    public void prepare(Exchange exchange) {
        EventBatch batch = exchange.getProperty(EventBatch.PROPERTY, EventBatch.class);
        batch.attempt(OffsetDateTime.now(clock));
        TokenCache.Token token = tokens.current();
        batch.usedToken(token.generation());
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Authorization", "Bearer " + token.value());
        message.setBody(eventJson.request(EventKind.PRESENCE, batch.pending()));
        metrics.requestStarted();
    }
}

package org.wfmagentsync.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.run.RunTracker;

/** Builds each attempt's {@code POST /api/v2/events/users/presence} request from what is still pending. */
public class PresenceRequest {

    private final TokenCache tokens;
    private final ObjectMapper json;
    private final SyncMetrics metrics;
    private final RunTracker runs;
    private final Clock clock;
    private final PushRounds rounds;

    public PresenceRequest(TokenCache tokens, ObjectMapper json, SyncMetrics metrics, RunTracker runs, Clock clock,
            PushRounds rounds) {
        this.tokens = tokens;
        this.json = json;
        this.metrics = metrics;
        this.runs = runs;
        this.clock = clock;
        this.rounds = rounds;
    }

    /** Wraps one split group of events as a batch (the first step for each group). */
    public void newBatch(List<StatusEvent> events, Exchange exchange) {
        PresenceBatch batch = new PresenceBatch(RunTracker.runId(exchange), events, rounds.round(exchange),
                rounds.carried(exchange));
        exchange.setProperty(PresenceBatch.PROPERTY, batch);
        if (batch.round() == 1) {
            runs.sent(batch.runId(), events.size());
        }
    }

    /** Sets body and headers for one attempt; runs again on every redelivery. */
    public void prepare(Exchange exchange) {
        PresenceBatch batch = exchange.getProperty(PresenceBatch.PROPERTY, PresenceBatch.class);
        batch.attempt(OffsetDateTime.now(clock));
        TokenCache.Token token = tokens.current();
        batch.usedToken(token.generation());
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Authorization", "Bearer " + token.value());
        message.setBody(new EventJson(json).request(EventKind.PRESENCE, batch.pending()));
        metrics.requestStarted();
    }
}

package org.wfmagentsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v2/events/users/presence}. Checks run in the order a client meets them in production:
 * connection faults (tests), auth, forced answers (tests), rate limit, concurrency, random 5xx, latency
 * (holding the slot), body, events.
 */
final class PresenceEndpoint implements HttpHandler {

    static final String PATH = "/api/v2/events/users/presence";

    private final GenesysKnobs knobs;
    private final Clock clock;
    private final TokenStore tokens;
    private final FixedWindowRateLimiter rateLimiter;
    private final ConcurrencyGate gate;
    private final PresenceStore store;
    private final Countdown<ForcedResponse> forced;
    private final GenesysMetrics metrics;
    private final RequestLog log;
    private final SeededDraws draws;
    private final GenesysJson json;
    private final PresenceBatchParser parser;

    PresenceEndpoint(GenesysKnobs knobs, Clock clock, TokenStore tokens, FixedWindowRateLimiter rateLimiter,
                     ConcurrencyGate gate, PresenceStore store, Countdown<ForcedResponse> forced, GenesysMetrics metrics,
                     RequestLog log, SeededDraws draws, GenesysJson json) {
        this.knobs = knobs;
        this.clock = clock;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.gate = gate;
        this.store = store;
        this.forced = forced;
        this.metrics = metrics;
        this.log = log;
        this.draws = draws;
        this.json = json;
        this.parser = new PresenceBatchParser(json.mapper().getFactory(), knobs.maxEventsPerRequest);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange);
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            Exchanges.send(exchange, json.error(404, "not.found", "No such resource", null));
            return;
        }
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            Exchanges.send(exchange, json.error(405, "method.not.allowed", "POST is required", null));
            return;
        }
        Instant arrival = clock.instant();
        long requestNo = metrics.requests.incrementAndGet();
        if (requestNo == knobs.revokeTokensAtRequest) {
            tokens.revokeAll();
        }
        Optional<ConnectionFault> fault = knobs.connectionFaults.next();
        if (fault.isPresent()) {
            metrics.droppedConnections.increment();
            if (fault.get() == ConnectionFault.HANG) {
                SimulatedWait.pause(GenesysSimulator.MAX_HANG);
            }
            // Closing an exchange that has sent no headers closes its connection: the client reads no answer.
            exchange.close();
            return;
        }
        String correlationId = draws.uuid(SeededDraws.Purpose.CORRELATION, requestNo).toString();
        PresenceBatchParser.ParsedBatch batch = parser.parse(body);
        SimResponse response = answer(exchange.getRequestHeaders().getFirst("Authorization"), batch, requestNo,
                correlationId).withHeader("ININ-Correlation-Id", correlationId);
        // Counted before sending, so a client that has its answer also sees it in the counters.
        metrics.countStatus(response.status());
        log.add(new RequestLogEntry(arrival, clock.instant(), response.status(), batch.eventCount()));
        Exchanges.send(exchange, response);
    }

    private SimResponse answer(String authorization, PresenceBatchParser.ParsedBatch batch, long requestNo,
                               String correlationId) {
        TokenStore.Check auth = tokens.check(authorization, clock.instant());
        switch (auth.verdict()) {
            case MISSING, UNKNOWN:
                return json.error(401, "authentication.required",
                        "No authentication bearer token specified in authorization header.", correlationId);
            case EXPIRED:
                return json.error(401, "credentials.expired", "The supplied credentials are expired and cannot be used.",
                        correlationId);
            default:
                break;
        }
        Optional<ForcedResponse> forcedResponse = forced.next();
        if (forcedResponse.isPresent()) {
            return render(forcedResponse.get(), correlationId);
        }
        String clientId = auth.clientId();
        FixedWindowRateLimiter.Decision rate = rateLimiter.tryAcquire(clientId, knobs.rateLimitPerMinute,
                clock.instant());
        if (!rate.allowed()) {
            long seconds = rate.retryAfterSeconds();
            return json.error(429, "too.many.requests.retry.after",
                            "Rate limit exceeded the maximum. Retry the request in [" + seconds + "] seconds",
                            correlationId)
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        int limit = knobs.concurrentLimitAt(clock.instant());
        if (!gate.tryAcquire(clientId, limit)) {
            return json.error(409, "SCHEDULE_CONFLICT", "The request conflicts with a schedule being published: "
                    + "the concurrent request limit (" + limit + ") is reached. Retry the request.", correlationId);
        }
        try {
            return admitted(batch, requestNo, correlationId);
        } finally {
            // Released before the answer is written, so a client that got its answer may send at once.
            gate.release(clientId);
        }
    }

    private SimResponse admitted(PresenceBatchParser.ParsedBatch batch, long requestNo, String correlationId) {
        if (draws.uniform(SeededDraws.Purpose.FAILURE, requestNo) < knobs.random5xxShare) {
            return json.error(503, "service.unavailable", "The service is currently unavailable (sandbox).",
                    correlationId);
        }
        SimulatedWait.pause(knobs.latency.draw(draws.random(SeededDraws.Purpose.LATENCY, requestNo)));
        if (batch.problem() != null) {
            return json.error(400, "bad.request", batch.problem(), correlationId);
        }
        List<EventError> errors = store.apply(batch.events(), knobs.windowActive(clock.instant()), clock.instant());
        return json.batchResult(errors);
    }

    private SimResponse render(ForcedResponse response, String correlationId) {
        SimResponse base = response.body() != null
                ? SimResponse.json(response.status(), response.body().getBytes(StandardCharsets.UTF_8))
                : json.error(response.status(), response.code(), "Forced by the sandbox: " + response.code(),
                        correlationId);
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            base = base.withHeader(header.getKey(), header.getValue());
        }
        return base;
    }
}

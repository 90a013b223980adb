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
import java.util.concurrent.atomic.AtomicLong;

/**
 * One event injection endpoint: {@code POST /api/v2/events/users/presence} or
 * {@code POST /api/v2/events/users/routingstatus}. Checks run in the order a client meets them in
 * production: connection faults (tests), auth, forced answers (tests), rate limit, concurrency,
 * random 5xx, latency (holding the slot), body (400 {@code bad.request}, {@code zero.events.submitted},
 * {@code max.batch.size.surpassed}, 413 {@code request.entity.too.large}), events. Both endpoints share
 * the client's rate limit and concurrency limit (one token, one tenant), the planted faults and forced
 * answers, and one request sequence for the seeded draws; each has its own state and counters.
 *
 * @param <E> one event as the endpoint receives it
 */
final class EventEndpoint<E> implements HttpHandler {

    static final String PRESENCE_PATH = "/api/v2/events/users/presence";
    static final String ROUTING_STATUS_PATH = "/api/v2/events/users/routingstatus";

    /** What the two endpoints share: the org's limits, tokens, planted faults, the request log and sequence. */
    record Shared(GenesysKnobs knobs, Clock clock, TokenStore tokens, FixedWindowRateLimiter rateLimiter,
                  ConcurrencyGate gate, Countdown<ForcedResponse> forced, RequestLog log, SeededDraws draws,
                  GenesysJson json, AtomicLong requestSequence) {
    }

    /** Where an endpoint's events go. */
    @FunctionalInterface
    interface Store<E> {
        /** Applies one batch; returns the per-event errors. */
        List<EventError> apply(List<E> events, boolean windowActive, Instant now);
    }

    private final String path;
    private final String kind;
    private final EventBatchParser<E> parser;
    private final Store<E> store;
    private final GenesysMetrics metrics;
    private final Shared shared;
    /** Forced answers for this endpoint only (tests), before the shared ones. */
    private final Countdown<ForcedResponse> ownForced = new Countdown<>();

    /** {@code kind}: the name the request log gives this endpoint's requests. */
    EventEndpoint(String path, String kind, EventBatchParser<E> parser, Store<E> store, GenesysMetrics metrics,
                  Shared shared) {
        this.path = path;
        this.kind = kind;
        this.parser = parser;
        this.store = store;
        this.metrics = metrics;
        this.shared = shared;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        GenesysJson json = shared.json();
        Clock clock = shared.clock();
        byte[] body = Exchanges.readBody(exchange);
        if (!path.equals(exchange.getRequestURI().getPath())) {
            Exchanges.send(exchange, json.error(404, "not.found", "No such resource", null));
            return;
        }
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            Exchanges.send(exchange, json.error(405, "method.not.allowed", "POST is required", null));
            return;
        }
        Instant arrival = clock.instant();
        metrics.requests.incrementAndGet();
        long requestNo = shared.requestSequence().incrementAndGet();
        if (requestNo == shared.knobs().revokeTokensAtRequest) {
            shared.tokens().revokeAll();
        }
        Optional<ConnectionFault> fault = shared.knobs().connectionFaults.next();
        if (fault.isPresent()) {
            metrics.droppedConnections.increment();
            if (fault.get() == ConnectionFault.HANG) {
                SimulatedWait.pause(GenesysSimulator.MAX_HANG);
            }
            // Closing an exchange that has sent no headers closes its connection: the client reads no answer.
            exchange.close();
            return;
        }
        String correlationId = shared.draws().uuid(SeededDraws.Purpose.CORRELATION, requestNo).toString();
        EventBatchParser.ParsedBatch<E> batch = parser.parse(body);
        SimResponse response = answer(exchange.getRequestHeaders().getFirst("Authorization"), batch, requestNo,
                correlationId).withHeader("ININ-Correlation-Id", correlationId);
        // Counted before sending, so a client that has its answer also sees it in the counters.
        metrics.countStatus(response.status());
        shared.log().add(new RequestLogEntry(arrival, clock.instant(), response.status(), batch.eventCount(), kind));
        Exchanges.send(exchange, response);
    }

    private SimResponse answer(String authorization, EventBatchParser.ParsedBatch<E> batch, long requestNo,
                               String correlationId) {
        GenesysJson json = shared.json();
        GenesysKnobs knobs = shared.knobs();
        Clock clock = shared.clock();
        TokenStore.Check auth = shared.tokens().check(authorization, clock.instant());
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
        Optional<ForcedResponse> forcedResponse = ownForced.next().or(() -> shared.forced().next());
        if (forcedResponse.isPresent()) {
            return render(forcedResponse.get(), correlationId);
        }
        String clientId = auth.clientId();
        FixedWindowRateLimiter.Decision rate = shared.rateLimiter().tryAcquire(clientId, knobs.rateLimitPerMinute,
                clock.instant());
        if (!rate.allowed()) {
            long seconds = rate.retryAfterSeconds();
            return json.error(429, "too.many.requests.retry.after",
                            "Rate limit exceeded the maximum. Retry the request in [" + seconds + "] seconds",
                            correlationId)
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        int limit = knobs.concurrentLimitAt(clock.instant());
        if (!shared.gate().tryAcquire(clientId, limit)) {
            return json.error(409, "SCHEDULE_CONFLICT", "The request conflicts with a schedule being published: "
                    + "the concurrent request limit (" + limit + ") is reached. Retry the request.", correlationId);
        }
        try {
            return admitted(batch, requestNo, correlationId);
        } finally {
            // Released before the answer is written, so a client that got its answer may send at once.
            shared.gate().release(clientId);
        }
    }

    /** The next {@code count} authenticated requests to this endpoint get {@code response}; 0 clears. */
    void failNext(int count, ForcedResponse response) {
        ownForced.set(count, response);
    }

    private SimResponse admitted(EventBatchParser.ParsedBatch<E> batch, long requestNo, String correlationId) {
        GenesysJson json = shared.json();
        GenesysKnobs knobs = shared.knobs();
        SeededDraws draws = shared.draws();
        if (draws.uniform(SeededDraws.Purpose.FAILURE, requestNo) < knobs.random5xxShare) {
            return json.error(503, "service.unavailable", "The service is currently unavailable (sandbox).",
                    correlationId);
        }
        SimulatedWait.pause(knobs.latency.draw(draws.random(SeededDraws.Purpose.LATENCY, requestNo)));
        EventBatchParser.Rejection rejection = batch.rejection();
        if (rejection != null) {
            return json.error(rejection.status(), rejection.code(), rejection.message(), correlationId);
        }
        Instant now = shared.clock().instant();
        List<EventError> errors = store.apply(batch.events(), knobs.windowActive(now), now);
        return json.batchResult(errors);
    }

    private SimResponse render(ForcedResponse response, String correlationId) {
        SimResponse base = response.body() != null
                ? SimResponse.json(response.status(), response.body().getBytes(StandardCharsets.UTF_8))
                : shared.json().error(response.status(), response.code(), "Forced by the sandbox: " + response.code(),
                        correlationId);
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            base = base.withHeader(header.getKey(), header.getValue());
        }
        return base;
    }
}

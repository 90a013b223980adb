package org.wfmagentsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What a Camel developer writes with stock EIPs: split into batches of 100, a fixed throttle (the
 * same concurrency and rate as wfm-agent-sync's defaults), and the default error handler with
 * exponential backoff and collision avoidance. It retries failed requests and retryable events, but
 * does not read Retry-After (camel-http is left on its defaults).
 */
final class CamelDefaultsStrategy implements Strategy {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "Camel defaults (fixed throttle, backoff, no Retry-After)";
    }

    @Override
    public Outcome run(Scenario scenario, Target target) throws Exception {
        AtomicLong retries = new AtomicLong();
        String token = Token.fetch(java.net.http.HttpClient.newHttpClient(), target);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:push")
                            .split(simple("${collate(100)}")).parallelProcessing().executorService(
                                    camel.getExecutorServiceManager().newFixedThreadPool(this, "bench-camel", 3))
                            .throttle(3).concurrentRequestsMode()
                            .to("direct:send");
                    // the redelivery re-runs the whole attempt route, so every attempt is rate-limited
                    from("direct:send")
                            .errorHandler(defaultErrorHandler().maximumRedeliveries(10).redeliveryDelay(500)
                                    .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                                    .maximumRedeliveryDelay(30_000).asyncDelayedRedelivery()
                                    .onExceptionOccurred(exchange -> retries.incrementAndGet()))
                            .to("direct:attempt");
                    from("direct:attempt").errorHandler(noErrorHandler())
                            .throttle(scenario.ratePerMinute()).timePeriodMillis(60_000)
                            .process(exchange -> prepare(exchange, token))
                            .to(target.apiUrl() + "/api/v2/events/users/presence")
                            .process(CamelDefaultsStrategy::checkEvents);
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("direct:push", new ArrayList<>(target.events()));
        }
        return new Outcome(false, target.events().size(), retries.get());
    }

    @SuppressWarnings("unchecked")
    private static void prepare(Exchange exchange, String token) throws Exception {
        List<Target.Event> batch = exchange.getProperty("batch", List.class);
        if (batch == null) {
            batch = new ArrayList<>(exchange.getMessage().getBody(List.class));
            exchange.setProperty("batch", batch);
        }
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Authorization", "Bearer " + token);
        exchange.getMessage().setBody(JSON.writeValueAsString(Map.of("userPresenceEvents", batch)));
    }

    /** Retryable events are kept for the redelivery; the others are done. */
    @SuppressWarnings("unchecked")
    private static void checkEvents(Exchange exchange) throws Exception {
        JsonNode errors = JSON.readTree(exchange.getMessage().getBody(String.class)).path("errors");
        List<String> retryable = new ArrayList<>();
        errors.forEach(error -> {
            if (error.path("retryable").asBoolean()) {
                retryable.add(error.path("eventId").asText());
            }
        });
        if (!retryable.isEmpty()) {
            List<Target.Event> batch = exchange.getProperty("batch", List.class);
            batch.removeIf(event -> !retryable.contains(event.eventId()));
            throw new IllegalStateException(retryable.size() + " retryable event errors");
        }
    }
}

package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /sandbox/state} and {@code GET /sandbox/counters}: what the simulator holds, for people and
 * scripts. The state gives each user's presence (its fields at the user's top level, as before there
 * were routing statuses) and routing status ({@code routingStatus}), each where an event set one.
 */
final class InspectionEndpoint implements HttpHandler {

    static final String STATE_PATH = "/sandbox/state";
    static final String COUNTERS_PATH = "/sandbox/counters";

    private final Supplier<Map<String, UserPresence>> state;
    private final Supplier<Map<String, UserRoutingStatus>> routingState;
    private final Supplier<GenesysCounters> counters;
    private final GenesysJson json;

    InspectionEndpoint(Supplier<Map<String, UserPresence>> state, Supplier<Map<String, UserRoutingStatus>> routingState,
                       Supplier<GenesysCounters> counters, GenesysJson json) {
        this.state = state;
        this.routingState = routingState;
        this.counters = counters;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Exchanges.readBody(exchange);
        String path = exchange.getRequestURI().getPath();
        boolean known = COUNTERS_PATH.equals(path) || STATE_PATH.equals(path);
        if (!known) {
            Exchanges.send(exchange, json.error(404, "not.found", "No such resource", null));
        } else if (!"GET".equalsIgnoreCase(exchange.getRequestMethod())) {
            Exchanges.send(exchange, json.error(405, "method.not.allowed", "GET is required", null));
        } else if (COUNTERS_PATH.equals(path)) {
            Exchanges.send(exchange, SimResponse.json(200, json.bytes(counters.get().asMap())));
        } else {
            streamState(exchange);
        }
    }

    private void streamState(HttpExchange exchange) throws IOException {
        // Sorted so two dumps of the same state compare equal as text.
        Map<String, UserPresence> presences = state.get();
        Map<String, UserRoutingStatus> routing = routingState.get();
        java.util.SortedSet<String> users = new java.util.TreeSet<>(presences.keySet());
        users.addAll(routing.keySet());
        Map<String, Long> counterMap = counters.get().asMap();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024);
             JsonGenerator gen = json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeObjectFieldStart("users");
            for (String user : users) {
                gen.writeObjectFieldStart(user);
                UserPresence presence = presences.get(user);
                if (presence != null) {
                    gen.writeStringField("presenceDefinitionId", presence.presenceDefinitionId());
                    gen.writeStringField("eventId", presence.eventId());
                    gen.writeStringField("eventDateTime", presence.eventDateTime().toString());
                    gen.writeStringField("appliedAt", presence.appliedAt().toString());
                }
                UserRoutingStatus status = routing.get(user);
                if (status != null) {
                    gen.writeObjectFieldStart("routingStatus");
                    gen.writeStringField("status", status.status());
                    gen.writeStringField("eventId", status.eventId());
                    gen.writeStringField("eventDateTime", status.eventDateTime().toString());
                    gen.writeStringField("appliedAt", status.appliedAt().toString());
                    gen.writeEndObject();
                }
                gen.writeEndObject();
            }
            gen.writeEndObject();
            gen.writeObjectFieldStart("counters");
            for (Map.Entry<String, Long> counter : counterMap.entrySet()) {
                gen.writeNumberField(counter.getKey(), counter.getValue());
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }
        exchange.close();
    }
}

package org.wfmagentsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.wfmagentsync.StateTable;
import org.wfmagentsync.sandbox.SandboxUsers;

/**
 * Where and what to deliver: the simulated Genesys Cloud and legacy system, and the scenario's
 * events. Strategies other than the connector get them from {@link #pull}, run inside the timed part (in the
 * strategy's own JVM when it is forked): every client has to read the legacy feed before it can push.
 */
record Target(String apiUrl, String loginUrl, String clientId, String clientSecret, String presenceSourceId,
        String legacyAgentsUrl, Path agentMappingCsv, List<Event> events, List<RoutingEvent> routingEvents) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A target of presence events alone. */
    Target(String apiUrl, String loginUrl, String clientId, String clientSecret, String presenceSourceId,
            String legacyAgentsUrl, Path agentMappingCsv, List<Event> events) {
        this(apiUrl, loginUrl, clientId, clientSecret, presenceSourceId, legacyAgentsUrl, agentMappingCsv, events,
                List.of());
    }

    /** One presence event as {@code POST /api/v2/events/users/presence} takes it. */
    record Event(String eventId, String eventDateTime, String userId, String sourceId, String presenceDefinitionId) {
    }

    /** One routing-status event as {@code POST /api/v2/events/users/routingstatus} takes it. */
    record RoutingEvent(String eventId, String eventDateTime, String agentId, String sourceId, String status) {
    }

    /** The routing-status event of a legacy state: its own event id, the same time as the state's presence event. */
    static RoutingEvent routingEvent(String agentId, String state, String reason, String changedAt, String sourceId,
            Map<String, String> routingByState) {
        String eventId = UUID.nameUUIDFromBytes((agentId + "|" + state + "|" + reason + "|" + changedAt
                + "|ROUTING_STATUS").getBytes(StandardCharsets.UTF_8)).toString();
        return new RoutingEvent(eventId, changedAt, SandboxUsers.userIdOf(agentId), sourceId,
                StateTable.presenceOf(routingByState, state, reason));
    }

    /**
     * The same target with its events read from the legacy feed over HTTP and mapped, as a simple client would;
     * with {@code bothKinds}, each state's routing-status event too.
     */
    Target pull(boolean bothKinds) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(legacyAgentsUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        JsonNode feed;
        try (InputStream body = response.body()) {
            feed = JSON.readTree(body);
        }
        Map<String, String> presenceByState = StateTable.load(StateTable.SHIPPED);
        Map<String, String> routingByState = StateTable.loadRouting(StateTable.SHIPPED);
        List<Event> pulled = new ArrayList<>();
        List<RoutingEvent> routing = new ArrayList<>();
        for (JsonNode agent : feed.path("agents")) {
            String agentId = agent.path("agentId").asText();
            String state = agent.path("state").asText();
            String reason = agent.path("reason").textValue();
            String changedAt = agent.path("changedAt").asText();
            String eventId = UUID.nameUUIDFromBytes((agentId + "|" + state + "|" + reason + "|" + changedAt)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            pulled.add(new Event(eventId, changedAt, SandboxUsers.userIdOf(agentId), presenceSourceId,
                    StateTable.presenceOf(presenceByState, state, reason)));
            if (bothKinds) {
                routing.add(routingEvent(agentId, state, reason, changedAt, presenceSourceId, routingByState));
            }
        }
        return new Target(apiUrl, loginUrl, clientId, clientSecret, presenceSourceId, legacyAgentsUrl, agentMappingCsv,
                List.copyOf(pulled), List.copyOf(routing));
    }
}

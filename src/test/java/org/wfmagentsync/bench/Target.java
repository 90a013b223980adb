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
 * events. Strategies other than the connector get them from {@link #pull}, which the harness runs
 * inside the timed part: every client has to read the legacy feed before it can push.
 */
record Target(String apiUrl, String loginUrl, String clientId, String clientSecret, String presenceSourceId,
        String legacyAgentsUrl, Path agentMappingCsv, List<Event> events) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One presence event as {@code POST /api/v2/events/users/presence} takes it. */
    record Event(String eventId, String eventDateTime, String userId, String sourceId, String presenceDefinitionId) {
    }

    /** The same target with its events read from the legacy feed over HTTP and mapped, as a simple client would. */
    Target pull() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(legacyAgentsUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        JsonNode feed;
        try (InputStream body = response.body()) {
            feed = JSON.readTree(body);
        }
        Map<String, String> presenceByState = StateTable.load(Path.of("config/states.csv"));
        List<Event> pulled = new ArrayList<>();
        for (JsonNode agent : feed.path("agents")) {
            String agentId = agent.path("agentId").asText();
            String state = agent.path("state").asText();
            String reason = agent.path("reason").textValue();
            String changedAt = agent.path("changedAt").asText();
            String eventId = UUID.nameUUIDFromBytes((agentId + "|" + state + "|" + reason + "|" + changedAt)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            pulled.add(new Event(eventId, changedAt, SandboxUsers.userIdOf(agentId), presenceSourceId,
                    StateTable.presenceOf(presenceByState, state, reason)));
        }
        return new Target(apiUrl, loginUrl, clientId, clientSecret, presenceSourceId, legacyAgentsUrl, agentMappingCsv,
                List.copyOf(pulled));
    }
}

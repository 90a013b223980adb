package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LegacySimulatorTest {

    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final Set<String> STATES = Set.of("READY", "NOT_READY", "ON_CALL", "AFTER_CALL_WORK", "LOGGED_OUT");

    private final MutableClock clock = new MutableClock(START);
    private final TestHttp http = new TestHttp();
    private LegacySimulator legacy;

    @AfterEach
    void stop() {
        if (legacy != null) {
            legacy.close();
        }
    }

    private LegacySimulator start(int agents, double changeShare, long seed) {
        legacy = new LegacySimulator(SandboxSettings.builder().legacyAgents(agents).legacyChangeShare(changeShare)
                .seed(seed).build(), clock).start();
        return legacy;
    }

    @Test
    void feedHasTheDocumentedShape() {
        start(2000, 0.10, 42);
        assertTrue(legacy.agentsUrl().matches("http://127\\.0\\.0\\.1:\\d+/api/agents"), legacy.agentsUrl());
        HttpResponse<String> response = http.get(legacy.agentsUrl());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode feed = TestHttp.json(response);
        assertEquals(START.toString(), feed.get("asOf").asText());
        JsonNode agents = feed.get("agents");
        assertEquals(2000, agents.size());
        assertEquals("A0001", agents.get(0).get("agentId").asText());
        assertEquals("A2000", agents.get(1999).get("agentId").asText());
        for (JsonNode agent : agents) {
            String state = agent.get("state").asText();
            assertTrue(STATES.contains(state), state);
            JsonNode reason = agent.get("reason");
            if (state.equals("NOT_READY")) {
                assertTrue(AgentState.NOT_READY_REASONS.contains(reason.asText()), reason.toString());
            } else {
                assertTrue(reason.isNull(), "reason must be null for " + state);
            }
            assertTrue(!Instant.parse(agent.get("changedAt").asText()).isAfter(START));
        }
        assertEquals(feedAsTruth(feed), legacy.truth());
        assertEquals(1, legacy.pollCount());
    }

    @Test
    void firstPollChangesNothingAndLaterPollsChangeTheSeededShare() {
        start(2000, 0.10, 42);
        Map<String, AgentTruth> before = legacy.truth();
        http.get(legacy.agentsUrl());
        assertEquals(before, legacy.truth(), "the first poll must show the initial states");

        clock.advance(Duration.ofMinutes(5));
        Map<String, AgentTruth> second = feedAsTruth(TestHttp.json(http.get(legacy.agentsUrl())));
        List<String> changed = before.keySet().stream().filter(id -> !before.get(id).equals(second.get(id))).toList();
        assertEquals(200, changed.size());
        for (String id : changed) {
            assertNotEquals(before.get(id).state(), second.get(id).state(), "a change is a different state");
            assertEquals(clock.instant(), second.get(id).changedAt());
        }
        assertEquals(second, legacy.truth());
    }

    @Test
    void sameSeedGivesTheSameWorld() {
        LegacySimulator a = new LegacySimulator(SandboxSettings.builder().legacyAgents(500).build(), clock);
        LegacySimulator b = new LegacySimulator(SandboxSettings.builder().legacyAgents(500).build(), clock);
        LegacySimulator other = new LegacySimulator(SandboxSettings.builder().legacyAgents(500).seed(43).build(), clock);
        assertEquals(a.truth(), b.truth());
        assertNotEquals(a.truth(), other.truth());
        assertEquals(a.changeAgents(25), b.changeAgents(25));
        assertEquals(a.truth(), b.truth());
    }

    @Test
    void javaControlsChangeAgentsNow() {
        start(100, 0.0, 1);
        clock.advance(Duration.ofSeconds(30));
        legacy.setState("A0007", AgentState.NOT_READY, "LUNCH");
        assertEquals(new AgentTruth(AgentState.NOT_READY, "LUNCH", clock.instant()), legacy.truth().get("A0007"));
        assertThrows(IllegalArgumentException.class, () -> legacy.setState("A0007", AgentState.READY, "LUNCH"));
        assertThrows(IllegalArgumentException.class, () -> legacy.setState("A0007", AgentState.NOT_READY, null));
        assertThrows(IllegalArgumentException.class, () -> legacy.setState("A0101", AgentState.READY, null));

        Map<String, AgentTruth> before = legacy.truth();
        List<String> changed = legacy.changeAgents(10);
        assertEquals(10, Set.copyOf(changed).size());
        Map<String, AgentTruth> after = legacy.truth();
        for (String id : changed) {
            assertNotEquals(before.get(id).state(), after.get(id).state());
        }
        assertEquals(90, before.keySet().stream().filter(id -> before.get(id).equals(after.get(id))).count());

        // Change share 0: polls after the first change nothing.
        http.get(legacy.agentsUrl());
        http.get(legacy.agentsUrl());
        assertEquals(after, legacy.truth());
        legacy.setChangeShare(0.5);
        http.get(legacy.agentsUrl());
        Map<String, AgentTruth> halfChanged = legacy.truth();
        long unchanged = after.keySet().stream().filter(id -> after.get(id).equals(halfChanged.get(id))).count();
        assertEquals(50, unchanged);
    }

    @Test
    void faultModesAndRawBodies() {
        start(50, 0.1, 42);
        legacy.setFault(LegacySimulator.Fault.DOWN);
        HttpResponse<String> down = http.get(legacy.agentsUrl());
        assertEquals(503, down.statusCode());
        assertTrue(down.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

        legacy.setFault(LegacySimulator.Fault.MALFORMED);
        HttpResponse<String> malformed = http.get(legacy.agentsUrl());
        assertEquals(200, malformed.statusCode());
        assertThrows(IOException.class, () -> TestHttp.MAPPER.readTree(malformed.body()));
        assertTrue(malformed.body().startsWith("{\"asOf\""));

        legacy.setFault(LegacySimulator.Fault.EMPTY);
        JsonNode empty = TestHttp.json(http.get(legacy.agentsUrl()));
        assertEquals(0, empty.get("agents").size());
        assertTrue(empty.has("asOf"));

        legacy.setRawBody("{\"agents\":[{\"agentId\":\"<script>\",\"state\":\"DANCING\"}]}");
        HttpResponse<String> raw = http.get(legacy.agentsUrl());
        assertEquals(200, raw.statusCode());
        assertEquals("{\"agents\":[{\"agentId\":\"<script>\",\"state\":\"DANCING\"}]}", raw.body());

        legacy.setRawBody(null);
        legacy.setFault(LegacySimulator.Fault.NONE);
        assertEquals(50, TestHttp.json(http.get(legacy.agentsUrl())).get("agents").size());
        assertEquals(5, legacy.pollCount());

        assertEquals(404, http.get(legacy.baseUrl() + "/api/other").statusCode());
    }

    @Test
    void servesOneHundredThousandAgentsByStreaming() throws Exception {
        start(100_000, 0.10, 42);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int poll = 0; poll < 2; poll++) {
            long started = System.nanoTime();
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(URI.create(legacy.agentsUrl())).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            int agents = 0;
            String last = null;
            try (JsonParser parser = new JsonFactory().createParser(response.body())) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    if (token == JsonToken.FIELD_NAME && "agentId".equals(parser.currentName())) {
                        parser.nextToken();
                        last = parser.getText();
                        agents++;
                    }
                }
            }
            assertEquals(100_000, agents);
            assertEquals("A100000", last);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(millis < 10_000, "100k agents took " + millis + " ms");
        }
    }

    @Test
    void delayHoldsTheAnswer() {
        start(10, 0.0, 42);
        legacy.setDelay(Duration.ofMillis(300));
        long started = System.nanoTime();
        assertEquals(200, http.get(legacy.agentsUrl()).statusCode());
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
    }

    private static Map<String, AgentTruth> feedAsTruth(JsonNode feed) {
        Map<String, AgentTruth> map = new HashMap<>();
        for (JsonNode agent : feed.get("agents")) {
            JsonNode reason = agent.get("reason");
            map.put(agent.get("agentId").asText(), new AgentTruth(AgentState.valueOf(agent.get("state").asText()),
                    reason.isNull() ? null : reason.asText(), Instant.parse(agent.get("changedAt").asText())));
        }
        return map;
    }
}

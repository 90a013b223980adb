package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Drives the sandbox the way the connector will: poll the feed, map, push batches, compare with the truth. */
@Timeout(120)
class SandboxEndToEndTest {

    private final TestHttp http = new TestHttp();

    @Test
    void fiftyThousandAgentsArriveOnceEach(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        SandboxSettings settings = SandboxSettings.builder().legacyAgents(50_000).noLatency()
                .windowMode(WindowMode.OFF).rateLimitPerMinute(10_000).build();
        try (Sandbox sandbox = Sandbox.start(settings, clock)) {
            Path mapping = dir.resolve("agents.csv");
            sandbox.writeAgentMappingCsv(mapping);
            assertEquals(50_001, Files.readAllLines(mapping, StandardCharsets.UTF_8).size());

            GenesysSimulator genesys = sandbox.genesys();
            String token = http.token(genesys);
            long started = System.nanoTime();
            pushFeed(genesys, token, TestHttp.json(http.get(sandbox.legacy().agentsUrl())));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertAllMatchTruth(sandbox);

            GenesysCounters counters = genesys.counters();
            assertEquals(50_000, counters.acceptedEvents());
            assertEquals(0, counters.duplicateEvents());
            assertEquals(500, counters.status(200));
            assertTrue(counters.peakInFlight() <= settings.concurrentLimit());
            assertTrue(took.toSeconds() < 30, "50k agents took " + took);

            // Second poll: 10% changed; pushing the whole feed again re-sends 45k known eventIds as duplicates.
            clock.advance(Duration.ofMinutes(5));
            pushFeed(genesys, token, TestHttp.json(http.get(sandbox.legacy().agentsUrl())));
            assertAllMatchTruth(sandbox);
            assertEquals(55_000, genesys.counters().acceptedEvents());
            assertEquals(45_000, genesys.counters().duplicateEvents());
        }
    }

    @Test
    void sandboxRunsFromProperties() {
        Map<String, String> props = Map.of("sandbox.legacy.agents", "10", "sandbox.genesys.window.mode", "OFF");
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.fromProperties(props::get))) {
            assertEquals(10, TestHttp.json(http.get(sandbox.legacy().agentsUrl())).get("agents").size());
            assertEquals(200, http.postPresence(sandbox.genesys(), http.token(sandbox.genesys()), TestHttp.probe())
                    .statusCode());
            assertTrue(sandbox.genesys().baseUrl().startsWith("http://127.0.0.1:"));
        }
    }

    @Test
    void sequentialRequestsAreNotSlowedByNagle() {
        try (GenesysSimulator genesys = new GenesysSimulator(SandboxSettings.builder().noLatency()
                .windowMode(WindowMode.OFF).build()).start()) {
            String token = http.token(genesys);
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                assertEquals(200, http.postPresence(genesys, token, TestHttp.probe()).statusCode());
            }
            // With Nagle on, each answer waits ~40 ms for a delayed ACK: 100 requests would take 4 s.
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.toMillis() < 3000, "100 sequential requests took " + took);
        }
    }

    private void pushFeed(GenesysSimulator genesys, String token, JsonNode feed) throws Exception {
        List<String> events = new ArrayList<>();
        for (JsonNode agent : feed.get("agents")) {
            String agentId = agent.get("agentId").asText();
            String changedAt = agent.get("changedAt").asText();
            String eventId = UUID.nameUUIDFromBytes((agentId + "|" + changedAt).getBytes(StandardCharsets.UTF_8))
                    .toString();
            events.add(TestHttp.event(eventId, changedAt, SandboxUsers.userIdOf(agentId),
                    definitionFor(agent.get("state").asText(), agent.get("reason").asText(null))));
        }
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> batches = new ArrayList<>();
            for (int from = 0; from < events.size(); from += 100) {
                List<String> slice = events.subList(from, Math.min(from + 100, events.size()));
                batches.add(() -> {
                    HttpResponse<String> response = http.postPresence(genesys, token, TestHttp.batch(slice));
                    assertEquals("{\"errors\":[]}", response.body());
                    return response.statusCode();
                });
            }
            for (Future<Integer> result : workers.invokeAll(batches)) {
                assertEquals(200, result.get());
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static void assertAllMatchTruth(Sandbox sandbox) {
        Map<String, UserPresence> state = sandbox.genesys().state();
        sandbox.legacy().truth().forEach((agentId, truth) -> {
            UserPresence presence = state.get(SandboxUsers.userIdOf(agentId));
            assertEquals(definitionFor(truth.state().name(), truth.reason()), presence.presenceDefinitionId(), agentId);
            assertEquals(truth.changedAt(), presence.eventDateTime(), agentId);
        });
    }

    /** An example state mapping, the connector's job in real life. */
    private static String definitionFor(String state, String reason) {
        return switch (state) {
            case "READY" -> PresenceDefinitions.ON_QUEUE;
            case "ON_CALL", "AFTER_CALL_WORK" -> PresenceDefinitions.BUSY;
            case "LOGGED_OUT" -> PresenceDefinitions.OFFLINE;
            case "NOT_READY" -> switch (reason) {
                case "LUNCH" -> PresenceDefinitions.MEAL;
                case "TRAINING" -> PresenceDefinitions.TRAINING;
                case "MEETING" -> PresenceDefinitions.MEETING;
                default -> PresenceDefinitions.BREAK;
            };
            default -> throw new IllegalArgumentException(state);
        };
    }
}

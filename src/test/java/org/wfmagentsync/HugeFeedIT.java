package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * A legacy list of 100,000 agents. The connector runs in a JVM of its own whose heap is capped, so
 * "memory stays bounded" is a limit the run must live within, not a measurement that could be
 * flaky: if the connector needed more, the child would die of OutOfMemoryError and the test fail.
 */
class HugeFeedIT {

    private static final int AGENTS = 100_000;
    /** The heap the connector gets for 100,000 agents (it needs more than 80 MB; 128 MB was seen to do). */
    private static final int HEAP_MB = 160;
    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "PARTIAL", "FAILED", "INTERRUPTED");

    @Test
    void a_list_of_100000_agents_is_delivered_in_full_within_a_capped_heap() throws Exception {
        SandboxSettings settings = SandboxSettings.builder().windowMode(WindowMode.OFF).seed(7).legacyAgents(AGENTS).legacyChangeShare(0)
                .noLatency().rateLimitPerMinute(1_000_000).concurrentLimit(64).build();
        Path workDir = Files.createTempDirectory("wfm-huge-");
        try (Sandbox sandbox = Sandbox.start(settings)) {
            sandbox.writeAgentMappingCsv(workDir.resolve("agents.csv"));
            Map<String, String> properties = new HashMap<>(ConnectorHarness.targetSettings(sandbox, workDir));
            properties.put("wfm.schedule.run-at-startup", "true");
            properties.put("wfm.schedule.startup-delay-ms", "0");
            properties.put("wfm.push.rate-per-minute", "1000000");
            properties.put("camel.management.port", Integer.toString(ConnectorHarness.freePort()));
            ConnectorProcess connector = ConnectorProcess.startWithHeap(HEAP_MB, properties,
                    Map.of("GENESYS_CLIENT_SECRET", settings.clientSecret()), workDir.resolve("connector.log"));
            try {
                Bounded.await(() -> !connector.isAlive() || FINISHED.contains(lastRunOutcome(connector)),
                        Duration.ofSeconds(120), "the run of " + AGENTS + " agents to end");
                assertTrue(connector.isAlive(), "the connector died (heap " + HEAP_MB + " MB):\n" + connector.logText());

                assertEquals("SUCCEEDED", lastRunOutcome(connector), connector.logText());
                GenesysCounters counters = sandbox.genesys().counters();
                assertEquals(AGENTS, counters.acceptedEvents());
                assertEquals(0, counters.duplicateEvents());
                assertEquals(AGENTS / 100, counters.requests(), "100 events per request, no retry");
                assertEquals(ConnectorHarness.expectedPresenceByUser(sandbox), ConnectorHarness.actualPresenceByUser(sandbox));
            } finally {
                connector.destroyIfAlive();
            }
        }
    }

    /** The outcome of the connector's last run, from its REST API; empty while it has none or is not up yet. */
    private static String lastRunOutcome(ConnectorProcess connector) {
        String body = connector.get("/api/runs?limit=1");
        if (body == null) {
            return "";
        }
        try {
            JsonNode runs = new ObjectMapper().readTree(body);
            JsonNode last = runs.isArray() ? runs.path(0) : runs.path("items").path(0);
            return last.path("outcome").asText("");
        } catch (IOException notJson) {
            throw new AssertionError("/api/runs did not answer JSON: " + body, notJson);
        }
    }
}

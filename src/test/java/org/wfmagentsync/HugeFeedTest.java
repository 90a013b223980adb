package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.sandbox.AgentTruth;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.sandbox.UserPresence;

/**
 * A legacy list of 100,000 agents. The connector runs in a JVM of its own whose heap is capped, so
 * "memory stays bounded" is a limit the run must live within, not a measurement that could be
 * flaky: if the connector needed more, the child would die of OutOfMemoryError and the test fail.
 */
class HugeFeedTest {

    private static final int AGENTS = 100_000;
    /** The heap the connector gets for 100,000 agents (it needs more than 80 MB; 128 MB was seen to do). */
    private static final int HEAP_MB = 160;

    @Test
    void a_list_of_100000_agents_is_delivered_in_full_within_a_capped_heap() throws Exception {
        SandboxSettings settings = SandboxSettings.builder().seed(7).legacyAgents(AGENTS).legacyChangeShare(0)
                .noLatency().rateLimitPerMinute(1_000_000).concurrentLimit(64).build();
        Path workDir = Files.createTempDirectory("wfm-huge-");
        try (Sandbox sandbox = Sandbox.start(settings)) {
            sandbox.writeAgentMappingCsv(workDir.resolve("agents.csv"));
            int managementPort = ConnectorHarness.freePort();
            Path output = workDir.resolve("connector.log");
            Process connector = new ProcessBuilder(command(sandbox, workDir, managementPort))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                Bounded.await(() -> !connector.isAlive()
                        || sandbox.genesys().counters().acceptedEvents() == AGENTS
                        && lastRunOutcome(managementPort) != null, Duration.ofSeconds(120),
                        "the run of " + AGENTS + " agents to end");
                assertTrue(connector.isAlive(), "the connector died (heap " + HEAP_MB + " MB):\n" + tail(output));

                assertEquals("SUCCEEDED", lastRunOutcome(managementPort), tail(output));
                GenesysCounters counters = sandbox.genesys().counters();
                assertEquals(AGENTS, counters.acceptedEvents());
                assertEquals(0, counters.duplicateEvents());
                assertEquals(AGENTS / 100, counters.requests(), "100 events per request, no retry");
                assertEquals(expectedPresenceByUser(sandbox), actualPresenceByUser(sandbox));
            } finally {
                connector.destroy();
                if (!connector.waitFor(30, TimeUnit.SECONDS)) {
                    connector.destroyForcibly();
                }
            }
        }
    }

    /** The connector as operators start it, but with a capped heap and pointed at this test's sandbox. */
    private static List<String> command(Sandbox sandbox, Path workDir, int managementPort) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + HEAP_MB + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // A JVM that lives for one run on a shared 2-core machine: C2 compilation and a parallel collector cost
        // more than they save (this halves the test's time); the heap cap is the same either way.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        Map<String, String> properties = new HashMap<>();
        properties.put("wfm.mode", "genesys");
        properties.put("genesys.api-url", sandbox.genesys().baseUrl());
        properties.put("genesys.login-url", sandbox.genesys().baseUrl());
        properties.put("genesys.client-id", sandbox.settings().clientId());
        properties.put("genesys.client-secret", sandbox.settings().clientSecret());
        properties.put("genesys.presence-source-id", sandbox.settings().presenceSourceId());
        properties.put("legacy.agents-url", sandbox.legacy().agentsUrl());
        properties.put("wfm.mapping.agents-file", workDir.resolve("agents.csv").toString());
        properties.put("wfm.db.url", "jdbc:h2:file:" + workDir.resolve("state").toAbsolutePath());
        properties.put("wfm.schedule.enabled", "false");
        properties.put("wfm.schedule.run-at-startup", "true");
        properties.put("wfm.schedule.startup-delay-ms", "0");
        properties.put("wfm.window.mode", "off");
        properties.put("wfm.push.rate-per-minute", "1000000");
        properties.put("camel.management.port", Integer.toString(managementPort));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WfmAgentSync.class.getName());
        return command;
    }

    /** The outcome of the connector's last run, from its REST API; null while it has none or is not up yet. */
    private static String lastRunOutcome(int managementPort) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/api/runs?limit=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode runs = new ObjectMapper().readTree(answer.body());
            JsonNode last = runs.isArray() ? runs.path(0) : runs.path("items").path(0);
            return last.path("outcome").asText(null);
        } catch (IOException notUpYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Map<String, String> expectedPresenceByUser(Sandbox sandbox) {
        Map<String, String> presenceByState = StateTable.load(Path.of("config/states.csv"));
        Map<String, String> expected = new HashMap<>();
        for (Map.Entry<String, AgentTruth> agent : sandbox.legacy().truth().entrySet()) {
            expected.put(SandboxUsers.userIdOf(agent.getKey()), StateTable.presenceOf(presenceByState,
                    agent.getValue().state().name(), agent.getValue().reason()));
        }
        return expected;
    }

    private static Map<String, String> actualPresenceByUser(Sandbox sandbox) {
        Map<String, String> actual = new HashMap<>();
        for (Map.Entry<String, UserPresence> user : sandbox.genesys().state().entrySet()) {
            actual.put(user.getKey(), user.getValue().presenceDefinitionId());
        }
        return actual;
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}

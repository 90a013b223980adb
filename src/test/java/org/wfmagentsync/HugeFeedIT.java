package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.wfmagentsync.sandbox.AgentTruth;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * Legacy lists of 50,000 to 1,000,000 agents. The connector runs in a JVM of its own whose heap is
 * capped, so "memory stays bounded" is a limit the run must live within, not a measurement that could
 * be flaky: if the connector needed more, the child would die of OutOfMemoryError and the test fail.
 * The child also writes a GC log, from which each test reads the heap the run used: the most in use
 * before a collection, and the most still live after one. Those figures are printed, for the docs.
 *
 * <p>The 1,000,000-agent run takes a few minutes, too long for every build: it runs with
 * {@code -Dit.million-agents=true} (docs/testing.md).
 */
class HugeFeedIT {

    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "PARTIAL", "FAILED", "INTERRUPTED");
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    /** The sandbox's service time, constant, and its concurrent-session limit: the bound T* follows from them. */
    private static final int SERVICE_MS = 20;
    private static final int SESSIONS = 10;

    /** What a run came to, and the heap it took. */
    private record Measured(long runMs, long requests, int peakInUseMb, int peakLiveMb, double overTStar) {
        String line(int agents, int heapMb, String mapping) {
            return String.format("HugeFeedIT: %,d agents (%s), -Xmx%dm: run %.1f s, %.2f x T*, %d requests, heap in use"
                    + " at most %d MB before a collection, at most %d MB live after one", agents, mapping, heapMb,
                    runMs / 1000.0, overTStar, requests, peakInUseMb, peakLiveMb);
        }
    }

    @Test
    void a_list_of_100000_agents_mapped_in_agents_csv_is_delivered_in_full_within_a_capped_heap() throws Exception {
        // agents.csv with 100,000 rows is held in memory as the mapping: it, not the feed, needs this heap
        Measured run = sync(100_000, 160, true, builder -> builder.noLatency().rateLimitPerMinute(1_000_000)
                .concurrentLimit(64), Duration.ofSeconds(120));
        System.out.println(run.line(100_000, 160, "agents.csv"));
    }

    @Test
    void a_list_of_50000_agents_runs_in_a_quarter_gigabyte_heap_and_its_peak_is_measured() throws Exception {
        Measured run = sync(50_000, 256, true, HugeFeedIT::boundBySessions, Duration.ofSeconds(120));
        System.out.println(run.line(50_000, 256, "agents.csv"));
        assertTrue(run.peakInUseMb() <= 256, run.line(50_000, 256, "agents.csv"));
    }

    @Test
    void a_list_of_200000_agents_needs_no_more_heap_than_the_connector_itself() throws Exception {
        // a heap the whole body would not fit beside the connector's own needs: if the feed were held
        // whole again (a tree, or Camel's stream cache), this run would die of OutOfMemoryError
        Measured run = sync(200_000, 64, false, builder -> builder.noLatency().rateLimitPerMinute(1_000_000)
                .concurrentLimit(64), Duration.ofSeconds(180));
        System.out.println(run.line(200_000, 64, "legacy id is the user id"));
    }

    @Test
    @EnabledIfSystemProperty(named = "it.million-agents", matches = "true")
    void a_list_of_1000000_agents_is_delivered_in_full_by_a_connector_with_256_mb() throws Exception {
        Measured run = sync(1_000_000, 256, false, HugeFeedIT::boundBySessions, Duration.ofMinutes(15));
        System.out.println(run.line(1_000_000, 256, "legacy id is the user id"));
    }

    /** No rate limit to speak of, a constant service time and a session limit the connector is told. */
    private static void boundBySessions(SandboxSettings.Builder builder) {
        builder.latencyMedianMs(SERVICE_MS).latencySigma(0).rateLimitPerMinute(10_000_000).concurrentLimit(SESSIONS);
    }

    /**
     * One run of {@code agents} agents in a connector with a heap of {@code heapMb}; with {@code byCsv}
     * the agents are mapped in agents.csv, else the legacy id is the user id (wfm.mapping.legacy-id-is),
     * since a mapping file of a million rows is itself held in memory. Checks that everything arrived.
     */
    private static Measured sync(int agents, int heapMb, boolean byCsv, Consumer<SandboxSettings.Builder> limits,
            Duration bound) throws Exception {
        SandboxSettings.Builder builder = SandboxSettings.builder().windowMode(WindowMode.OFF).seed(7).legacyAgents(agents)
                .legacyChangeShare(0);
        limits.accept(builder);
        SandboxSettings settings = builder.build();
        Path workDir = Files.createTempDirectory("wfm-huge-");
        try (Sandbox sandbox = Sandbox.start(settings)) {
            Map<String, String> properties = new HashMap<>(ConnectorHarness.targetSettings(sandbox, workDir));
            if (byCsv) {
                sandbox.writeAgentMappingCsv(workDir.resolve("agents.csv"));
            } else {
                properties.put("wfm.mapping.legacy-id-is", "genesysUserId");
            }
            properties.put("wfm.schedule.run-at-startup", "true");
            properties.put("wfm.schedule.startup-delay-ms", "0");
            properties.put("wfm.push.rate-per-minute", "1000000");
            properties.put("wfm.push.max-concurrent", Integer.toString(settings.concurrentLimit()));
            properties.put("wfm.push.initial-concurrent", Integer.toString(settings.concurrentLimit()));
            properties.put("camel.management.port", Integer.toString(ConnectorHarness.freePort()));
            Path gcLog = workDir.resolve("gc.log");
            ConnectorProcess connector = ConnectorProcess.startWithHeap(heapMb, List.of("-Xlog:gc:file=" + gcLog),
                    properties, Map.of("GENESYS_CLIENT_SECRET", settings.clientSecret()), workDir.resolve("connector.log"));
            try {
                Bounded.await(() -> !connector.isAlive() || FINISHED.contains(lastRun(connector).path("outcome").asText("")),
                        bound, "the run of " + agents + " agents to end");
                assertTrue(connector.isAlive(), "the connector died (heap " + heapMb + " MB):\n" + tail(connector.logText()));
                JsonNode run = lastRun(connector);

                assertEquals("SUCCEEDED", run.path("outcome").asText(), tail(connector.logText()));
                GenesysCounters counters = sandbox.genesys().counters();
                assertEquals(agents, counters.acceptedEvents());
                assertEquals(0, counters.duplicateEvents());
                assertEquals(agents / 100, counters.requests(), "100 events per request, no retry");
                if (byCsv) {
                    assertEquals(ConnectorHarness.expectedPresenceByUser(sandbox),
                            ConnectorHarness.actualPresenceByUser(sandbox));
                } else {
                    assertEquals(expectedPresenceByAgentId(sandbox), ConnectorHarness.actualPresenceByUser(sandbox));
                }
                int[] heap = peakHeap(gcLog);
                double tStar = Math.ceil(agents / 100.0) * settings.latencyMedianMs() / settings.concurrentLimit();
                long runMs = run.path("durationMs").asLong();
                Measured measured = new Measured(runMs, counters.requests(), heap[0], heap[1],
                        tStar == 0 ? Double.NaN : runMs / tStar);
                connector.destroyIfAlive();
                // kept when the run fails: the connector's log and its GC log are in it (over 100 MB of state database otherwise)
                TempFolders.delete(workDir);
                return measured;
            } finally {
                connector.destroyIfAlive();
            }
        }
    }

    /** With the legacy id as the user id, Genesys Cloud holds each agent's presence under its legacy id. */
    private static Map<String, String> expectedPresenceByAgentId(Sandbox sandbox) {
        Map<String, String> presenceByState = StateTable.load(StateTable.SHIPPED);
        Map<String, String> expected = new HashMap<>();
        for (Map.Entry<String, AgentTruth> agent : sandbox.legacy().truth().entrySet()) {
            expected.put(agent.getKey(), StateTable.presenceOf(presenceByState, agent.getValue().state().name(),
                    agent.getValue().reason()));
        }
        return expected;
    }

    /** The most heap in use before a collection and the most live after one, in MB, from the GC log. */
    private static int[] peakHeap(Path gcLog) {
        int inUse = 0;
        int live = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher gc = GC_LINE.matcher(line);
                if (gc.find()) {
                    inUse = Math.max(inUse, Integer.parseInt(gc.group(1)));
                    live = Math.max(live, Integer.parseInt(gc.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(inUse > 0, "the GC log has collections: " + gcLog);
        return new int[] {inUse, live};
    }

    /** The connector's last run, from its REST API; empty while it has none or is not up yet. */
    private static JsonNode lastRun(ConnectorProcess connector) {
        String body = connector.get("/api/runs?limit=1");
        if (body == null) {
            return new ObjectMapper().createObjectNode();
        }
        try {
            JsonNode runs = new ObjectMapper().readTree(body);
            return runs.isArray() ? runs.path(0) : runs.path("items").path(0);
        } catch (IOException notJson) {
            throw new AssertionError("/api/runs did not answer JSON: " + body, notJson);
        }
    }

    private static String tail(String log) {
        return log.length() > 20_000 ? "..." + log.substring(log.length() - 20_000) : log;
    }
}

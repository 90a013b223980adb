package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.PresenceDefinitions;
import org.wfmagentsync.sandbox.SandboxUsers;

/**
 * A mapping file that fails its check is refused as a whole, naming the file, the line and the
 * reason: at start-up every run fails saying so and nothing is sent; after a bad edit the previous
 * version keeps mapping, one WARN says the edit was refused, and the health check shows it.
 */
class MappingFileRefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shipped states.csv without its routingStatus column, as the file was before it (line for line). */
    private static final List<String> SHIPPED_STATES = StateTable.presenceOnly();
    private static final String HEADER = "legacyState,reason,presenceDefinitionId,message";

    @Test
    void a_states_file_separated_by_semicolons_fails_every_run_naming_the_line_and_nothing_is_sent() throws Exception {
        Path states = Files.createTempFile("states-", ".csv");
        Files.write(states, SHIPPED_STATES.stream().map(line -> line.startsWith("#") ? line : line.replace(',', ';')).toList());
        String refusal = "mapping file " + states + " is refused (line " + lineOf(SHIPPED_STATES, HEADER)
                + ": the header looks separated by ';': separate the columns with ',' as in " + HEADER + ")";
        try (CapturedLog log = CapturedLog.warnings();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(12),
                        Map.of("wfm.mapping.states-file", states.toString()))) {
            assertTrue(log.anyLineContains("mapping files not usable at start-up, sync runs will fail until they are"
                    + " fixed: " + refusal), log.lines().toString());

            for (int run = 0; run < 2; run++) {
                RunSummary failed = harness.runOnce();
                assertEquals(RunSummary.Outcome.FAILED, failed.outcome(), failed.toLogLine());
                assertEquals(refusal + "; nothing was sent", failed.error());
            }
            assertEquals(0, harness.sandbox.genesys().counters().requests(), "nothing sent");
            assertTrue(harness.openDeadLetters().isEmpty(), "no agent is called UNMAPPED for a file that was refused");
            HttpResponse<String> health = health(harness);
            assertEquals(503, health.statusCode(), health.body());
            JsonNode check = check(health, "mapping-files");
            assertEquals("DOWN", check.path("status").asText(), check.toString());
            assertEquals(states.getFileName() + refusal.substring(("mapping file " + states).length())
                    + "; sync runs fail until it is fixed", check.path("message").asText());
            assertEquals(refusal, check.path("data").path("states.refused").asText(), check.toString());

            Files.write(states, SHIPPED_STATES);
            RunSummary fixed = harness.runOnce();
            assertEquals(12, fixed.delivered(), fixed.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(200, health(harness).statusCode());
        }
    }

    @Test
    void an_edit_with_an_empty_presence_id_is_refused_once_and_the_previous_version_keeps_mapping() throws Exception {
        Path states = Files.createTempFile("states-", ".csv");
        Files.write(states, SHIPPED_STATES);
        try (CapturedLog log = CapturedLog.warnings();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(40),
                        Map.of("wfm.mapping.states-file", states.toString()))) {
            assertEquals(40, harness.runOnce().delivered());
            FileTime previous = Files.getLastModifiedTime(states);

            edit(states, replace(SHIPPED_STATES, "READY,", "READY,,,"));
            List<String> ready = harness.sandbox.legacy().truth().entrySet().stream()
                    .filter(agent -> agent.getValue().state() != AgentState.READY).map(Map.Entry::getKey).limit(3).toList();
            ready.forEach(agent -> harness.sandbox.legacy().setState(agent, AgentState.READY, null));
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(3, run.delivered(), run.toLogLine());
            for (String agent : ready) {
                assertEquals(PresenceDefinitions.AVAILABLE, harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf(agent))
                        .orElseThrow().presenceDefinitionId(), "mapped with the previous version");
            }
            assertEquals(0, harness.sandbox.genesys().counters().perEventRejections(), "no invalid event was sent");
            assertTrue(harness.openDeadLetters().isEmpty());
            String warning = "mapping file " + states + ": the edit is refused (line " + lineOf(SHIPPED_STATES, "READY,")
                    + ": presenceDefinitionId is empty); the previous version (modified "
                    + previous.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ") stays in use";
            assertEquals(1, log.linesContaining(warning), log.lines().toString());

            HttpResponse<String> health = health(harness);
            assertEquals(200, health.statusCode(), "still delivering: " + health.body());
            JsonNode check = check(health, "mapping-files");
            assertEquals("UP", check.path("status").asText());
            String refused = " is refused (line " + lineOf(SHIPPED_STATES, "READY,") + ": presenceDefinitionId is empty)";
            assertEquals("DEGRADED: " + states.getFileName() + refused + "; the previous version stays in use",
                    check.path("message").asText());
            assertEquals("mapping file " + states + refused, check.path("data").path("states.refused").asText(),
                    check.toString());
            assertEquals(9, check.path("data").path("states.rows").asInt(), check.toString());

            harness.sandbox.legacy().changeAgents(5);
            assertEquals(5, harness.runOnce().delivered());
            assertEquals(1, log.linesContaining("the edit is refused"), "once per edit, not per run: " + log.lines());

            edit(states, SHIPPED_STATES.stream().filter(line -> !line.startsWith("LOGGED_OUT")).toList());
            harness.sandbox.legacy().setState("A0001", AgentState.LOGGED_OUT, null);
            RunSummary fixed = harness.runOnce();
            assertEquals(0, fixed.delivered(), "the fix is in use: LOGGED_OUT has no row now");
            long loggedOut = harness.sandbox.legacy().truth().values().stream()
                    .filter(truth -> truth.state() == AgentState.LOGGED_OUT).count();
            List<DeadLetter> unmapped = harness.openDeadLetters();
            assertEquals(loggedOut, unmapped.size());
            assertTrue(unmapped.stream().allMatch(letter -> letter.reason() == DeadLetterReason.UNMAPPED));
            assertTrue(unmapped.stream().anyMatch(letter -> letter.agentId().equals("A0001")));
            JsonNode after = check(health(harness), "mapping-files");
            assertEquals("mapping files in use: agents.csv (40 rows), " + states.getFileName() + " (8 rows)",
                    after.path("message").asText());
        }
    }

    @Test
    void an_agents_file_naming_an_agent_twice_is_refused_and_the_previous_version_keeps_mapping() throws IOException {
        try (CapturedLog log = CapturedLog.warnings();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10), Map.of())) {
            assertEquals(10, harness.runOnce().delivered());
            Path agents = Path.of(harness.property("wfm.mapping.agents-file"));
            List<String> twice = new ArrayList<>(Files.readAllLines(agents));
            twice.add("A0002,11111111-2222-3333-4444-555555555555");

            edit(agents, twice);
            AgentState was = harness.sandbox.legacy().truth().get("A0002").state();
            harness.sandbox.legacy().setState("A0002", was == AgentState.ON_CALL ? AgentState.READY : AgentState.ON_CALL, null);
            RunSummary run = harness.runOnce();

            assertEquals(1, run.delivered(), run.toLogLine());
            assertTrue(harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf("A0002")).isPresent());
            assertTrue(log.anyLineContains("mapping file " + agents + ": the edit is refused (line 12: agent 'A0002'"
                    + " again (first on line 3)); the previous version (modified "), log.lines().toString());
        }
    }

    private static JsonNode check(HttpResponse<String> health, String name) throws IOException {
        for (JsonNode candidate : JSON.readTree(health.body()).path("checks")) {
            if (name.equals(candidate.path("name").asText())) {
                return candidate;
            }
        }
        assertNotNull(null, "no " + name + " check in " + health.body());
        return null;
    }

    private static HttpResponse<String> health(ConnectorHarness harness) throws IOException {
        try {
            return ManagementApi.send(harness, "GET", "/observe/health?data=true");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Writes the file as an editor saving it a second later would (a coarse file system clock sees the change too). */
    private static void edit(Path file, List<String> lines) throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        Files.write(file, lines);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Math.max(before.toMillis() + 1000,
                Files.getLastModifiedTime(file).toMillis())));
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int lineOf(List<String> lines, String prefix) {
        return IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith(prefix)).findFirst().orElseThrow() + 1;
    }

    private static List<String> replace(List<String> lines, String prefix, String with) {
        List<String> edited = new ArrayList<>(lines);
        edited.set(lineOf(lines, prefix) - 1, with);
        return edited;
    }
}

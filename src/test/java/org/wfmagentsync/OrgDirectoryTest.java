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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.OrgPresences;
import org.wfmagentsync.sandbox.OrgUser;
import org.wfmagentsync.sandbox.PresenceDefinitions;
import org.wfmagentsync.sandbox.SandboxUsers;

/**
 * Agents and presences resolved from the org's directory, against the sandbox over loopback: by email,
 * username or employee id, by system presence or label; what does not resolve is dead-lettered
 * UNMAPPED naming it; a user added later resolves on refresh; a directory that is slow or down never
 * holds a run, and one never read says so.
 */
class OrgDirectoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_HIRE = "7d1c3c36-2f0e-4b8e-9a55-0c2f3b3f9a01";

    @TempDir
    Path dir;

    @Test
    void agents_mapped_by_email_username_and_employee_id_resolve_and_their_events_arrive() throws IOException {
        Path agents = agentsCsv(12, agent -> number(agent) <= 4 ? ",," + SandboxUsers.emailOf(agent) + ",,"
                : number(agent) <= 8 ? ",,,," + SandboxUsers.employeeIdOf(agent)
                : number(agent) <= 10 ? ",,," + SandboxUsers.usernameOf(agent) + "," : "," + SandboxUsers.userIdOf(agent) + ",,,");
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(12),
                        Map.of("wfm.mapping.agents-file", agents.toString()))) {
            RunSummary run = harness.runOnce();

            assertEquals(12, run.delivered(), run.toLogLine());
            assertTrue(harness.openDeadLetters().isEmpty(), harness.openDeadLetters().toString());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertTrue(log.anyLineContains("OrgDirectory", "org directory read (first read): 12 users in"), log.lines()
                    .toString());
            assertEquals(1, harness.sandbox.genesys().directoryRequests(), "one page of users, no presence definitions"
                    + " (states.csv names them by id)");

            // kept in the state database: a restart maps with it while the directory is down
            harness.sandbox.genesys().setDirectoryDown(true);
            harness.restartConnector();
            harness.sandbox.legacy().setState("A0003", AgentState.NOT_READY, "BREAK");
            harness.sandbox.legacy().setState("A0006", AgentState.NOT_READY, "BREAK");
            RunSummary after = harness.runOnce();
            assertEquals(2, after.delivered(), after.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void an_unknown_email_is_dead_lettered_unmapped_naming_it_and_a_user_added_to_the_org_later_resolves_on_refresh()
            throws IOException {
        Path agents = agentsCsv(10, agent -> agent.equals("A0007") ? ",new.hire@sandbox.example.com"
                : "," + SandboxUsers.emailOf(agent));
        Files.writeString(agents, Files.readString(agents).replace("legacyAgentId,genesysUserId,email,username,employeeId",
                "legacyAgentId,email"));
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10),
                Map.of("wfm.mapping.agents-file", agents.toString(), "wfm.directory.run-wait-ms", "20000"))) {
            RunSummary first = harness.runOnce();

            assertEquals(9, first.delivered(), first.toLogLine());
            DeadLetter unmapped = single(harness.openDeadLetters());
            assertEquals(DeadLetterReason.UNMAPPED, unmapped.reason());
            assertEquals("A0007", unmapped.agentId());
            assertTrue(unmapped.detail().matches("agent A0007: no Genesys user with email new.hire@sandbox.example.com in"
                    + " the org's directory \\(refreshed 20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ; "
                    + java.util.regex.Pattern.quote(agents.toString()) + " line 8\\)"), unmapped.detail());

            harness.sandbox.genesys().addUser(new OrgUser(NEW_HIRE, "New Hire", "New.Hire@sandbox.example.com",
                    "new.hire@sandbox.example.com", "E9001"));
            harness.context().createProducerTemplate().sendBody("direct:directory-refresh", null);
            RunSummary next = harness.runOnce();

            assertEquals(1, next.delivered(), next.toLogLine());
            assertNotNull(harness.sandbox.genesys().presenceOf(NEW_HIRE).orElse(null), "the new hire's presence arrived");
            assertTrue(harness.openDeadLetters().isEmpty(), "the UNMAPPED entry is closed once delivered");
        }
    }

    @Test
    void the_legacy_id_itself_can_name_the_user_so_that_no_agents_csv_is_needed() {
        Path none = dir.resolve("agents.csv"); // never written
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(6),
                Map.of("wfm.mapping.agents-file", none.toString(), "wfm.mapping.legacy-id-is", "employeeId"), sandbox -> {
                    for (int i = 0; i < 5; i++) { // the org's employee ids are the legacy ids, but for A0006's
                        String agent = SandboxUsers.agentId(i, 6);
                        sandbox.genesys().addUser(new OrgUser(SandboxUsers.userIdOf(agent), "Agent " + agent,
                                SandboxUsers.emailOf(agent), SandboxUsers.usernameOf(agent), agent));
                    }
                })) {
            RunSummary run = harness.runOnce();

            assertEquals(5, run.delivered(), run.toLogLine());
            DeadLetter unmapped = single(harness.openDeadLetters());
            assertEquals("A0006", unmapped.agentId());
            assertTrue(unmapped.detail().startsWith("agent A0006: no Genesys user with employee id A0006 in the org's"
                    + " directory (refreshed "), unmapped.detail());
            assertTrue(unmapped.detail().endsWith("; the legacy id, as wfm.mapping.legacy-id-is=employeeId says)"),
                    unmapped.detail());
            Map<String, String> expected = new HashMap<>(harness.expectedPresenceByUser());
            expected.remove(SandboxUsers.userIdOf("A0006"));
            assertEquals(expected, harness.actualPresenceByUser());
        }
    }

    @Test
    void presences_named_by_system_presence_or_label_resolve_and_a_deactivated_or_ambiguous_label_is_dead_lettered()
            throws IOException {
        Path states = dir.resolve("states.csv");
        Files.write(states, List.of("legacyState,reason,presenceDefinitionId,systemPresence,presenceLabel,message",
                "READY,,,On Queue,,", "ON_CALL,," + PresenceDefinitions.BUSY + ",,,On a call",
                "NOT_READY,,,,Away,", "NOT_READY,LUNCH,,,d\u00e9jeuner,", "NOT_READY,BREAK,,,Smoke break,",
                "NOT_READY,MEETING,,,Coaching,", "NOT_READY,TRAINING,,Training,,", "AFTER_CALL_WORK,,,Busy,,",
                "LOGGED_OUT,,,Offline,,"));
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(4),
                Map.of("wfm.mapping.states-file", states.toString()), sandbox -> {
                    sandbox.genesys().addPresenceDefinition("Coaching", "Training", false);
                    sandbox.legacy().setState("A0001", AgentState.READY, null);
                    sandbox.legacy().setState("A0002", AgentState.NOT_READY, "LUNCH");
                    sandbox.legacy().setState("A0003", AgentState.NOT_READY, "BREAK");
                    sandbox.legacy().setState("A0004", AgentState.NOT_READY, "MEETING");
                })) {
            RunSummary run = harness.runOnce();

            assertEquals(2, run.delivered(), run.toLogLine());
            assertEquals(PresenceDefinitions.ON_QUEUE, presenceOf(harness, "A0001"));
            assertEquals(OrgPresences.LUNCH, presenceOf(harness, "A0002"), "the label in French names the Lunch");
            Map<String, String> details = new HashMap<>();
            harness.openDeadLetters().forEach(letter -> details.put(letter.agentId(), letter.detail()));
            assertTrue(details.get("A0003").startsWith("agent A0003: state 'NOT_READY|BREAK': the presence definition"
                    + " with presence label 'Smoke break' is deactivated in the org (" + OrgPresences.SMOKE_BREAK
                    + "; refreshed "), details.get("A0003"));
            assertTrue(details.get("A0003").endsWith("; " + states + " line 6)"), details.get("A0003"));
            assertTrue(details.get("A0004").startsWith("agent A0004: state 'NOT_READY|MEETING': 2 presence definitions"
                    + " with presence label 'Coaching' in the org (" + OrgPresences.COACHING + ", "), details.get("A0004"));
            assertTrue(details.get("A0004").endsWith("): name it by presenceDefinitionId"), details.get("A0004"));
            assertEquals(2, details.size(), details.toString());
        }
    }

    @Test
    void a_first_start_without_a_directory_says_so_and_the_first_run_after_it_can_be_read_delivers() throws IOException {
        Path agents = agentsCsv(6, agent -> number(agent) <= 3 ? ",," + SandboxUsers.emailOf(agent) + ",,"
                : "," + SandboxUsers.userIdOf(agent) + ",,,");
        try (CapturedLog log = CapturedLog.warnings();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(6),
                        Map.of("wfm.mapping.agents-file", agents.toString(), "wfm.directory.min-interval-ms", "0"),
                        sandbox -> sandbox.genesys().setDirectoryDown(true))) {
            RunSummary run = harness.runOnce();

            assertEquals(3, run.delivered(), "the agents mapped by id are delivered: " + run.toLogLine());
            List<DeadLetter> unmapped = harness.openDeadLetters();
            assertEquals(3, unmapped.size());
            String failed = "GET /api/v2/users (page 1) answered HTTP 503 (service.unavailable: The service is currently"
                    + " unavailable (sandbox).)";
            DeadLetter first = unmapped.stream().filter(letter -> letter.agentId().equals("A0001")).findFirst().orElseThrow();
            assertEquals(DeadLetterReason.UNMAPPED, first.reason());
            assertTrue(first.detail().startsWith("agent A0001: the Genesys user with email a0001@sandbox.example.com ("
                    + agents + " line 2) cannot be looked up: the org's users have not been read yet (the last read, at "),
                    first.detail());
            assertTrue(first.detail().endsWith(", failed: " + failed + ")"), first.detail());
            assertTrue(log.anyLineContains("the org's users have not been read yet", failed,
                    "are dead-lettered as UNMAPPED in this run"), log.lines().toString());
            JsonNode check = check(harness, "org-directory");
            assertEquals("DOWN", check.path("status").asText(), check.toString());
            assertTrue(check.path("message").asText().contains("users not read yet; the last read, at "), check.toString());

            harness.sandbox.genesys().setDirectoryDown(false);
            RunSummary next = harness.runOnce();
            assertEquals(3, next.delivered(), next.toLogLine());
            assertTrue(harness.openDeadLetters().isEmpty());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals("UP", check(harness, "org-directory").path("status").asText());
        }
    }

    @Test
    void a_failing_or_slow_directory_never_holds_a_run_the_last_good_one_maps() throws IOException {
        Path agents = agentsCsv(8, agent -> ",," + SandboxUsers.emailOf(agent) + ",,");
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(8),
                        Map.of("wfm.mapping.agents-file", agents.toString(), "wfm.directory.run-wait-ms", "300"))) {
            assertEquals(8, harness.runOnce().delivered());

            harness.sandbox.genesys().setDirectoryDown(true);
            harness.context().createProducerTemplate().sendBody("direct:directory-refresh", null);
            harness.sandbox.legacy().setState("A0005", AgentState.NOT_READY, "BREAK");
            RunSummary down = harness.runOnce();
            assertEquals(1, down.delivered(), down.toLogLine());
            assertTrue(log.anyLineContains("org directory read (scheduled) failed: GET /api/v2/users (page 1) answered"
                    + " HTTP 503", "; the directory read at "), log.lines().toString());
            JsonNode check = check(harness, "org-directory");
            assertEquals("UP", check.path("status").asText(), check.toString());
            assertTrue(check.path("message").asText().startsWith("DEGRADED: org directory: 8 users (read "),
                    check.toString());

            Duration slow = Duration.ofSeconds(4);
            harness.sandbox.genesys().setDirectoryDown(false);
            harness.sandbox.genesys().setDirectoryLatency(slow);
            harness.context().createProducerTemplate().sendBody("direct:directory-refresh", null);
            harness.sandbox.legacy().setState("A0002", AgentState.NOT_READY, "LUNCH");
            long started = System.nanoTime();
            RunSummary run = harness.runOnce();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(1, run.delivered(), run.toLogLine());
            assertTrue(took.compareTo(slow) < 0, "the run did not wait for the slow read: " + took);
            assertTrue(log.anyLineContains("the org's directory is still being read after 300 ms"
                    + " (wfm.directory.run-wait-ms): this run maps with the directory read at "), log.lines().toString());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void an_event_genesys_answers_with_an_unknown_user_asks_for_a_refresh_and_the_next_run_maps_the_new_user()
            throws IOException {
        Path agents = agentsCsv(5, agent -> ",," + SandboxUsers.emailOf(agent) + ",,");
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                        Map.of("wfm.mapping.agents-file", agents.toString(), "wfm.directory.min-interval-ms", "0",
                                "wfm.directory.run-wait-ms", "20000"))) {
            assertEquals(5, harness.runOnce().delivered());
            String old = SandboxUsers.userIdOf("A0005");
            // the org replaces A0005's user: same email, another id
            harness.sandbox.genesys().removeUser(old);
            harness.sandbox.genesys().addUser(new OrgUser(NEW_HIRE, "Agent A0005", SandboxUsers.emailOf("A0005"), null,
                    null));

            harness.sandbox.legacy().setState("A0005", AgentState.NOT_READY, "BREAK");
            RunSummary refused = harness.runOnce();
            assertEquals(0, refused.delivered(), refused.toLogLine());
            DeadLetter rejected = single(harness.openDeadLetters());
            assertEquals(DeadLetterReason.EVENT_REJECTED, rejected.reason());
            assertTrue(rejected.detail().contains("user not found: " + old), rejected.detail());

            harness.sandbox.legacy().setState("A0005", AgentState.READY, null);
            RunSummary next = harness.runOnce();
            assertEquals(1, next.delivered(), next.toLogLine());
            assertTrue(harness.sandbox.genesys().presenceOf(NEW_HIRE).isPresent(), "sent to the user the org has now");
            assertTrue(log.anyLineContains("org directory read (Genesys Cloud did not know user " + old + " of agent"
                    + " A0005): 5 users"), log.lines().toString());
            assertTrue(harness.openDeadLetters().isEmpty(), "the refused older state is superseded");
        }
    }

    /** An agents.csv with every column and one row per agent, the rest of the row (from the first comma) as given. */
    private Path agentsCsv(int agents, Function<String, String> rest) throws IOException {
        List<String> lines = new ArrayList<>(List.of("legacyAgentId,genesysUserId,email,username,employeeId"));
        for (int i = 0; i < agents; i++) {
            String agent = SandboxUsers.agentId(i, agents);
            lines.add(agent + rest.apply(agent));
        }
        Path file = dir.resolve("agents-" + System.nanoTime() + ".csv");
        Files.write(file, lines);
        return file;
    }

    private static int number(String agent) {
        return Integer.parseInt(agent.substring(1));
    }

    private static String presenceOf(ConnectorHarness harness, String agent) {
        return harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf(agent)).orElseThrow().presenceDefinitionId();
    }

    private static DeadLetter single(List<DeadLetter> letters) {
        assertEquals(1, letters.size(), letters.toString());
        return letters.get(0);
    }

    private static JsonNode check(ConnectorHarness harness, String name) throws IOException {
        HttpResponse<String> health;
        try {
            health = ManagementApi.send(harness, "GET", "/observe/health?data=true");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (JsonNode candidate : JSON.readTree(health.body()).path("checks")) {
            if (name.equals(candidate.path("name").asText())) {
                return candidate;
            }
        }
        throw new AssertionError("no " + name + " check in " + health.body());
    }
}

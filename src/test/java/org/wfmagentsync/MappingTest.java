package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.SandboxUsers;

class MappingTest {

    @Test
    void an_unmapped_state_or_agent_is_dead_lettered_while_the_rest_is_delivered() throws IOException {
        Path states = Files.createTempFile("states-", ".csv");
        List<String> withoutLoggedOut = StateTable.presenceOnly().stream()
                .filter(line -> !line.startsWith("LOGGED_OUT")).collect(Collectors.toList());
        Files.write(states, withoutLoggedOut);
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(40),
                Map.of("wfm.mapping.states-file", states.toString()))) {
            harness.sandbox.legacy().setState("A0003", AgentState.LOGGED_OUT, null);
            harness.sandbox.legacy().setState("A0004", AgentState.READY, null);
            Path agents = Path.of(harness.property("wfm.mapping.agents-file"));
            Files.write(agents, Files.readAllLines(agents).stream().filter(line -> !line.startsWith("A0004,")).toList());
            long loggedOut = harness.sandbox.legacy().truth().values().stream()
                    .filter(truth -> truth.state() == AgentState.LOGGED_OUT).count();

            RunSummary run = harness.runOnce();

            List<DeadLetter> letters = harness.openDeadLetters();
            assertEquals(loggedOut + 1, letters.size());
            assertTrue(letters.stream().allMatch(letter -> letter.reason() == DeadLetterReason.UNMAPPED));
            DeadLetter noUser = letters.stream().filter(letter -> "A0004".equals(letter.agentId())).findFirst().orElseThrow();
            assertTrue(noUser.detail().contains("has no Genesys user"), noUser.detail());
            DeadLetter noState = letters.stream().filter(letter -> "A0003".equals(letter.agentId())).findFirst().orElseThrow();
            assertTrue(noState.detail().contains("state 'LOGGED_OUT' has no presence definition"), noState.detail());
            assertTrue(noState.eventJson().contains("\"agentId\":\"A0003\""), "the original legacy record is kept");
            assertEquals(40 - letters.size(), run.delivered());
            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome());

            // the operator adds the missing row: the next run delivers it, no restart needed
            Files.write(states, StateTable.presenceOnly());
            RunSummary next = harness.runOnce();
            assertEquals(loggedOut, next.delivered(), next.toLogLine());
            assertTrue(harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf("A0003")).isPresent());
            assertEquals(1, harness.openDeadLetters().size(), "only the agent without a user is still open");
        }
    }
    @Test
    void a_mapping_file_missing_at_start_up_is_reported_then_and_by_each_run_until_it_is_there() throws IOException {
        Path states = Files.createTempDirectory("mapping-").resolve("states.csv"); // not written yet
        try (CapturedLog log = CapturedLog.warnings();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(12),
                        Map.of("wfm.mapping.states-file", states.toString()))) {
            assertTrue(log.anyLineContains("mapping files not usable at start-up", states.toString()),
                    "the operator hears of it at start-up: " + log.lines());

            RunSummary run = harness.runOnce();
            assertEquals(RunSummary.Outcome.FAILED, run.outcome(), run.toLogLine());
            assertEquals("mapping file " + states + " cannot be read (NoSuchFileException: no such file); nothing was sent",
                    run.error());
            assertEquals(0, harness.sandbox.genesys().counters().requests(), "nothing sent");

            Files.write(states, StateTable.presenceOnly());
            RunSummary next = harness.runOnce();
            assertEquals(12, next.delivered(), next.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;

/**
 * Dead letters that come one per agent (bad rows, unmapped agents, events Genesys Cloud refused)
 * do not flood the log: the first twenty of a run are logged one by one, then one line says where
 * the rest is. Every one is kept.
 */
class BoundedDeadLetterLogTest {

    private static final String HEADER = "legacyState,reason,presenceDefinitionId,message";

    @Test
    void unmapped_agents_and_refused_events_are_each_logged_one_by_one_for_the_first_twenty_of_a_run_then_in_one_line()
            throws IOException {
        // ids that look right but are not this org's: every mapped event is sent and refused
        String unknown = "11111111-2222-3333-4444-555555555555";
        Path states = Files.createTempFile("states-", ".csv");
        Files.write(states, List.of(HEADER, "READY,," + unknown + ",", "ON_CALL,," + unknown + ",",
                "AFTER_CALL_WORK,," + unknown + ",", "NOT_READY,," + unknown + ",", "LOGGED_OUT,," + unknown + ","));
        try (CapturedLog log = CapturedLog.warnings();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(50),
                        Map.of("wfm.mapping.states-file", states.toString()))) {
            Path agents = Path.of(harness.property("wfm.mapping.agents-file"));
            Files.write(agents, Files.readAllLines(agents).subList(0, 26)); // the header and A0001..A0025

            RunSummary run = harness.runOnce();

            List<DeadLetter> letters = harness.openDeadLetters();
            assertEquals(50, letters.size(), run.toLogLine());
            List<DeadLetter> refused = letters.stream().filter(letter -> letter.reason() == DeadLetterReason.EVENT_REJECTED)
                    .toList();
            assertEquals(25, refused.size());
            assertTrue(refused.stream().allMatch(letter -> letter.detail().endsWith("presenceDefinitionId " + unknown
                    + " was not found")), refused.get(0).detail());
            assertEquals(20, log.linesContaining("(EVENT_REJECTED): Genesys Cloud refused event for agent"),
                    log.lines().toString());
            assertEquals(1, log.linesContaining("more events Genesys Cloud refused in run " + run.runId() + " are"
                    + " dead-lettered without a log line each; the run summary counts them and `deadletters list"
                    + " --reason EVENT_REJECTED` lists them"), log.lines().toString());
            assertEquals(20, log.linesContaining("(UNMAPPED): agent"), log.lines().toString());
            assertEquals(1, log.linesContaining("more bad or unmapped legacy rows in run " + run.runId() + " are"
                    + " dead-lettered without a log line each"), log.lines().toString());
            assertTrue(log.lines().size() <= 43, "bounded: " + log.lines().size() + " lines");
        }
    }
}

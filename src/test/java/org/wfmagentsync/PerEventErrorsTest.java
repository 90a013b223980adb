package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.sandbox.WindowMode;

class PerEventErrorsTest {

    @Test
    void per_event_errors_are_split_into_retried_and_dead_lettered() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(200)
                .windowMode(WindowMode.ON).windowConcurrentLimit(10).perEventConflictShare(0.2), Map.of())) {
            Set<String> unknownToGenesys = Set.of("A0007", "A0042", "A0199");
            Set<String> known = new HashSet<>();
            harness.sandbox.legacy().truth().keySet().stream().filter(agent -> !unknownToGenesys.contains(agent))
                    .forEach(agent -> known.add(SandboxUsers.userIdOf(agent)));
            harness.sandbox.genesys().setKnownUsers(known);

            RunSummary run = harness.runOnce();

            assertEquals(197, run.delivered(), run.toLogLine());
            assertTrue(run.retries() > 0, "the retryable conflicts were retried");
            List<DeadLetter> letters = harness.openDeadLetters();
            assertEquals(unknownToGenesys, letters.stream().map(DeadLetter::agentId).collect(Collectors.toSet()));
            for (DeadLetter letter : letters) {
                assertEquals(DeadLetterReason.EVENT_REJECTED, letter.reason());
                assertTrue(letter.detail().contains(letter.agentId()), letter.detail());
            }
            Map<String, String> expected = harness.expectedPresenceByUser();
            unknownToGenesys.forEach(agent -> expected.remove(SandboxUsers.userIdOf(agent)));
            assertEquals(expected, harness.actualPresenceByUser());
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents());
        }
    }

    @Test
    void a_retryable_event_error_that_outlasts_the_retries_is_dead_lettered_with_that_events_own_message() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10)
                .windowMode(WindowMode.ON).windowConcurrentLimit(10).perEventConflictShare(1.0),
                Map.of("wfm.retry.max-redeliveries", "0"))) {
            RunSummary run = harness.runOnce();

            assertEquals(10, run.deadLettered(), run.toLogLine());
            for (DeadLetter letter : harness.openDeadLetters()) {
                assertEquals(DeadLetterReason.CONFLICT_EXHAUSTED, letter.reason());
                assertTrue(letter.detail().startsWith("Genesys Cloud kept answering for agent " + letter.agentId()
                        + ": SCHEDULE_CONFLICT"), letter.detail());
            }
        }
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.WindowMode;

class PublishingWindowTest {

    @Test
    void conflicts_during_publishing_window_are_retried_until_delivered() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(1000)
                .windowMode(WindowMode.ON).windowConcurrentLimit(2).perEventConflictShare(0.15).latencyMedianMs(15),
                // contention is random: enough retries that the test shows delivery, not bad luck
                Map.of("wfm.push.max-concurrent", "5", "wfm.push.batch-size", "50", "wfm.retry.max-redeliveries", "60"))) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(1000, run.delivered());
            assertTrue(run.retries() > 0, "the window's conflicts were retried: " + run.toLogLine());
            assertTrue(harness.sandbox.genesys().counters().perEventConflicts() > 0);
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertTrue(harness.openDeadLetters().isEmpty(), "nothing dead-lettered");
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents(), "no event applied twice");
        }
    }

    @Test
    void capacity_409s_are_retried_and_the_concurrency_throttle_holds() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(600)
                .windowMode(WindowMode.ON).windowConcurrentLimit(2).perEventConflictShare(0).latencyMedianMs(20),
                Map.of("wfm.push.max-concurrent", "4", "wfm.push.batch-size", "20", "wfm.retry.max-redeliveries", "60"))) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertTrue(run.conflicts409() > 0, "4 concurrent against a limit of 2 must collide: " + run.toLogLine());
            assertTrue(harness.sandbox.genesys().counters().peakInFlight() <= 4,
                    "never more than wfm.push.max-concurrent requests in flight");
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void a_conflict_that_never_clears_is_dead_lettered_with_its_context_after_the_configured_attempts() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(30),
                Map.of("wfm.retry.max-redeliveries", "3"))) {
            harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 409, "SCHEDULE_CONFLICT", Map.of());

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome());
            assertEquals(4, run.requests(), "one attempt and three redeliveries");
            assertEquals(30, run.deadLettered());
            List<DeadLetter> letters = harness.openDeadLetters();
            assertEquals(30, letters.size());
            DeadLetter letter = letters.get(0);
            assertEquals(DeadLetterReason.CONFLICT_EXHAUSTED, letter.reason());
            assertEquals(409, letter.httpStatus());
            assertEquals(4, letter.attempts());
            assertEquals(run.runId(), letter.runId());
            assertTrue(letter.responseBody().contains("SCHEDULE_CONFLICT"), letter.responseBody());
            assertTrue(letter.detail().contains("after 4 attempt(s)"), letter.detail());
            assertNotNull(letter.userId());
            assertTrue(letter.eventJson().contains(letter.userId()) && letter.eventJson().contains(letter.eventId()));
            assertTrue(!letter.lastAttemptAt().isBefore(letter.firstAttemptAt()));
            Set<String> agents = letters.stream().map(DeadLetter::agentId).collect(Collectors.toSet());
            assertEquals(harness.sandbox.legacy().truth().keySet(), agents, "every agent of the batch is kept");
        }
    }

    @Test
    void a_409_with_a_code_not_listed_as_capacity_is_not_retried() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10), Map.of())) {
            harness.sandbox.genesys().failNextRequests(1, 409, "general.conflict", Map.of());

            RunSummary run = harness.runOnce();

            assertEquals(1, run.requests());
            DeadLetter letter = harness.openDeadLetters().get(0);
            assertEquals(DeadLetterReason.REJECTED, letter.reason());
            assertTrue(letter.detail().contains("wfm.retry.conflict-codes"), letter.detail());
        }
    }
}

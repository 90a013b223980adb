package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;

class NonRetryableResponseTest {

    @Test
    void a_400_is_dead_lettered_at_once_without_retry_and_the_other_batches_are_delivered() {
        // two full batches, so the test does not depend on which one reaches Genesys Cloud first
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(200),
                Map.of("wfm.push.max-concurrent", "1"))) {
            harness.sandbox.genesys().failNextRequests(1, 400, "bad.request", Map.of());

            RunSummary run = harness.runOnce();

            assertEquals(2, run.requests(), "two batches, no retry of the refused one");
            assertEquals(0, run.retries());
            List<DeadLetter> letters = harness.openDeadLetters();
            assertEquals(100, letters.size(), "the whole refused batch is kept");
            assertEquals(100, run.delivered());
            DeadLetter letter = letters.get(0);
            assertEquals(DeadLetterReason.REJECTED, letter.reason());
            assertEquals(400, letter.httpStatus());
            assertEquals(1, letter.attempts());
            assertTrue(letter.responseBody().contains("bad.request"), letter.responseBody());
        }
    }

    @Test
    void an_unexpected_200_body_is_retried_and_the_sandbox_dedupes_nothing() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(20), Map.of())) {
            harness.sandbox.genesys().failNextRequests(1,
                    org.wfmagentsync.sandbox.ForcedResponse.raw(200, Map.of(), "<html>maintenance</html>"));

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(2, run.requests());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }
}

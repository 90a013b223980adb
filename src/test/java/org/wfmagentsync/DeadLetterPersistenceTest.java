package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;

class DeadLetterPersistenceTest {

    @Test
    void dead_letters_and_delivered_state_survive_a_restart() {
        // two full batches, so the test does not depend on which one reaches Genesys Cloud first
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(200),
                Map.of("wfm.push.max-concurrent", "1"))) {
            harness.sandbox.genesys().failNextRequests(1, 422, "invalid.value", Map.of());
            harness.runOnce();
            List<DeadLetter> before = harness.openDeadLetters();
            assertEquals(100, before.size());

            harness.restartConnector();

            List<DeadLetter> after = harness.openDeadLetters();
            assertEquals(before, after, "every field of every entry is back after the restart");
            assertEquals(DeadLetterReason.REJECTED, after.get(0).reason());
            // the delivered baseline survived too: nothing is sent again, and the refused batch waits for a replay
            RunSummary next = harness.runOnce();
            assertEquals(0, next.changed(), next.toLogLine());
            assertEquals(100, harness.openDeadLetters().size());
        }
    }
}

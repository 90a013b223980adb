package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;

class FullSyncTest {

    @Test
    void a_full_run_delivers_every_change_and_genesys_matches_the_legacy_truth() {
        try (ConnectorHarness harness = ConnectorHarness.start()) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(250, run.fetched());
            assertEquals(250, run.changed());
            assertEquals(250, run.delivered());
            assertEquals(3, run.requests(), "250 events go out in batches of at most 100");
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents());
            assertTrue(harness.openDeadLetters().isEmpty());
        }
    }

    @Test
    void the_next_run_sends_only_the_agents_whose_state_changed() {
        try (ConnectorHarness harness = ConnectorHarness.start()) {
            harness.runOnce();
            List<String> changed = harness.sandbox.legacy().changeAgents(17);

            RunSummary second = harness.runOnce();

            assertEquals(17, changed.size());
            assertEquals(17, second.changed());
            assertEquals(17, second.delivered());
            assertEquals(1, second.requests());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());

            RunSummary third = harness.runOnce();
            assertEquals(0, third.changed(), "nothing changed, nothing is sent");
            assertEquals(0, third.requests());
        }
    }

    @Test
    void batch_size_is_configurable_but_never_above_the_api_maximum() {
        try (ConnectorHarness harness = ConnectorHarness.start(s -> { }, Map.of("wfm.push.batch-size", "40"))) {
            RunSummary run = harness.runOnce();
            assertEquals(7, run.requests(), "250 events in batches of 40");
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
        IllegalStateException tooBig = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ConnectorHarness.start(s -> { }, Map.of("wfm.push.batch-size", "101")).close());
        assertTrue(rootMessage(tooBig).contains("wfm.push.batch-size must be between 1 and 100"), rootMessage(tooBig));
    }

    static String rootMessage(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;

class ScheduleTest {

    @Test
    void the_quartz_cron_trigger_starts_runs_on_its_own() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(20),
                Map.of("wfm.schedule.enabled", "true", "wfm.schedule.cron", "0/1 * * * * ?"))) {
            NotifyBuilder twoRuns = new NotifyBuilder(harness.context()).fromRoute("sync-schedule").whenCompleted(2).create();

            assertTrue(twoRuns.matches(10, TimeUnit.SECONDS), "two runs within 10 s of a one-second cron");
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void a_trigger_while_a_run_is_in_progress_is_skipped_not_overlapped() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(20), Map.of())) {
            harness.sandbox.legacy().setDelay(Duration.ofMillis(1500));
            CompletableFuture<RunSummary> first = CompletableFuture.supplyAsync(harness::runOnce);
            Bounded.await(() -> harness.sandbox.legacy().pollCount() == 1, Duration.ofSeconds(5), "first run polling");

            RunSummary second = harness.runOnce();

            assertNull(second, "the second trigger did not start a run");
            assertEquals(RunSummary.Outcome.SUCCEEDED, first.get(10, TimeUnit.SECONDS).outcome());
            assertEquals(1, harness.sandbox.legacy().pollCount(), "only one run pulled the feed");
        }
    }
}

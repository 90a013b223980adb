package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * Round 2 overlaps round 1 through the real route: inside the publishing window, the events that come
 * back with a retryable conflict go out again in whole batches while round 1 is still being sent, and
 * every event, request and retry is accounted for exactly once. The sandbox gives a conflict to an
 * event's first attempt only, so each conflict costs one retried event.
 */
class OverlappingRoundsTest {

    private static final int AGENTS = 1000;
    private static final int BATCH = 10;

    @Test
    void whole_retry_batches_go_out_during_round_one_and_every_event_and_retry_is_counted_once() {
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(AGENTS)
                        .windowMode(WindowMode.ON).windowConcurrentLimit(50).perEventConflictShare(0.3)
                        .latencyMedianMs(5),
                        Map.of("wfm.push.max-concurrent", "4", "wfm.push.batch-size", Integer.toString(BATCH)))) {
            RunSummary run = harness.runOnce();

            GenesysCounters counters = harness.sandbox.genesys().counters();
            long conflicts = counters.perEventConflicts();
            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertTrue(conflicts > 0);
            assertEquals(AGENTS, run.delivered(), "every event delivered");
            assertEquals(0, run.deadLettered());
            assertTrue(harness.openDeadLetters().isEmpty());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(0, counters.duplicateEvents(), "no event applied twice");

            int firstRequests = AGENTS / BATCH;
            assertEquals(counters.requests() - firstRequests, run.retries(),
                    "the retries counted are the requests Genesys Cloud saw beyond round 1's: " + run.toLogLine());
            assertEquals((conflicts + BATCH - 1) / BATCH, run.retries(),
                    "the retried events went in whole batches, only the last one short");
            assertEquals(AGENTS + conflicts, harness.sandbox.genesys().requestLog().stream()
                    .mapToLong(RequestLogEntry::eventCount).sum(), "each conflicted event sent exactly twice");
            assertEquals(run.retries(), conflictRetriesMetric(harness), "the metrics agree with the run");

            List<String> early = log.lines().stream().filter(line -> line.contains("while round 1 is under way"))
                    .toList();
            assertTrue(!early.isEmpty(), "retry batches went out before round 1 was done");
        }
    }

    @Test
    void a_retry_budget_that_cannot_pay_holds_nothing_back_early_and_dead_letters_each_conflicted_event_once() {
        // 4 tokens at most and 5 a retry: no retry is ever paid for, early or in round 2
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(AGENTS)
                        .windowMode(WindowMode.ON).windowConcurrentLimit(50).perEventConflictShare(0.3)
                        .latencyMedianMs(5),
                Map.of("wfm.push.max-concurrent", "4", "wfm.push.batch-size", Integer.toString(BATCH),
                        "wfm.retry.budget.capacity", "4", "wfm.retry.budget.retry-cost", "5"))) {
            RunSummary run = harness.runOnce();

            GenesysCounters counters = harness.sandbox.genesys().counters();
            long conflicts = counters.perEventConflicts();
            List<DeadLetter> letters = harness.openDeadLetters();
            assertTrue(conflicts > 0);
            assertEquals(AGENTS - conflicts, run.delivered(), run.toLogLine());
            assertEquals(conflicts, run.deadLettered(), "each conflicted event dead-lettered: " + run.toLogLine());
            assertEquals(conflicts, letters.size(), "one open entry each");
            assertTrue(letters.stream().allMatch(letter -> letter.reason() == DeadLetterReason.RETRY_BUDGET_EXHAUSTED),
                    "only the budget refused");
            assertTrue(letters.stream().allMatch(letter -> letter.attempts() == 1), "each after its one attempt");
            assertEquals(0, run.retries(), "no retry went, early or late");
            assertEquals(AGENTS / BATCH, counters.requests(), "only round 1's requests were sent");
            assertEquals((conflicts + BATCH - 1) / BATCH, run.retryBudgetRefused(),
                    "round 2 asked the budget once per whole batch, and early batches asked nothing of it: "
                            + run.toLogLine());
            assertEquals(0, counters.duplicateEvents());
        }
    }

    private static double conflictRetriesMetric(ConnectorHarness harness) {
        MeterRegistry registry = harness.context().getRegistry().findSingleByType(MeterRegistry.class);
        return registry.find("wfm.retries").tag("cause", "event-conflict").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}

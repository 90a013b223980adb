package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.WindowMode;

/** Issue 5 against the sandbox: the limit finds the tenant's capacity, Retry-After pauses everyone, the budget holds. */
class AdaptiveLimitsTest {

    @Test
    void the_concurrency_limit_finds_the_tenants_session_limit_and_stays_under_it() {
        // 80 ms, not a few: the connector counts a request in flight until it has taken the answer in, and on a busy
        // machine that lags the sandbox's slot by milliseconds; short round trips would let it count one level more
        // than the tenant saw, and probe above the level it learnt
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3000)
                .windowMode(WindowMode.OFF).concurrentLimit(3).latencyMedianMs(80),
                Map.of("wfm.push.batch-size", "25", "wfm.push.max-concurrent", "10", "wfm.push.initial-concurrent", "10"))) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(10, run.limitStart());
            assertTrue(run.conflicts409() > 0, "starting at 10 against a limit of 3 collides at first: " + run.toLogLine());
            // a probe of the refused level may be under way when the run ends: 3, or 4 while probing
            assertTrue(run.limitEnd() <= 4, "the limit came down to the tenant's 3 (4 while probing): " + run.toLogLine());
            List<RequestLogEntry> log = harness.sandbox.genesys().requestLog();
            long lateConflicts = log.subList(log.size() / 2, log.size()).stream().filter(entry -> entry.status() == 409)
                    .count();
            assertTrue(lateConflicts <= 2, "once learnt, at most a probe collides; second half had " + lateConflicts
                    + " 409s of " + log.size() / 2 + " requests");
        }
    }

    @Test
    void inside_the_publishing_window_a_run_starts_from_the_window_level() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(500)
                .windowMode(WindowMode.ON).windowConcurrentLimit(3).latencyMedianMs(5),
                Map.of("wfm.window.mode", "on", "wfm.window.initial-concurrent", "3", "wfm.push.batch-size", "10"))) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(3, run.limitStart());
            // It starts at the window's level and climbs above it only after the probe wait (16 round trips of 3).
            List<RequestLogEntry> log = harness.sandbox.genesys().requestLog();
            assertTrue(log.subList(0, 45).stream().noneMatch(entry -> entry.status() == 409),
                    "no collision before the first probe: " + run.toLogLine());
            assertTrue(run.conflicts409() <= 2, "at most the probes collide: " + run.toLogLine());
        }
    }

    @Test
    void retry_after_pauses_every_request_not_only_the_one_that_got_it() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(1500)
                .windowMode(WindowMode.OFF).latencyMedianMs(10),
                Map.of("wfm.push.batch-size", "10"))) {
            harness.sandbox.genesys().failNextRequests(1, 429, "too.many.requests.retry.after", Map.of("Retry-After", "1"));

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(1, run.ratePauses(), run.toLogLine());
            List<RequestLogEntry> log = harness.sandbox.genesys().requestLog();
            Instant rateLimited = log.stream().filter(entry -> entry.status() == 429).findFirst().orElseThrow()
                    .answeredInstant();
            // Requests already on their way when the 429 was answered may still arrive just after it.
            long duringPause = log.stream().map(RequestLogEntry::arrivalInstant)
                    .filter(at -> at.isAfter(rateLimited.plusMillis(150)) && at.isBefore(rateLimited.plusMillis(950)))
                    .count();
            long afterPause = log.stream().filter(entry -> !entry.arrivalInstant().isBefore(rateLimited.plusMillis(950)))
                    .count();
            assertEquals(0, duringPause, "no request went out while Retry-After held the client");
            assertTrue(afterPause >= 100, "most of the 150 requests went after the pause, " + afterPause + " did");
        }
    }

    @Test
    void the_retry_budget_stops_a_retry_storm_and_what_it_refuses_is_kept_for_replay() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(300),
                Map.of("wfm.retry.budget.capacity", "20", "wfm.retry.budget.retry-cost", "5",
                        "wfm.retry.max-redeliveries", "10", "wfm.push.max-concurrent", "1"))) {
            harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 503, "service.unavailable", Map.of());

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            assertEquals(3 + 4, harness.sandbox.genesys().requestLog().size(),
                    "3 first attempts and the 4 retries 20 tokens pay for, not 3 x 11 attempts");
            assertEquals(3, run.retryBudgetRefused(), run.toLogLine());
            List<DeadLetter> open = harness.openDeadLetters();
            assertEquals(300, open.size(), "every event is kept");
            assertTrue(open.stream().allMatch(letter -> letter.reason() == DeadLetterReason.RETRY_BUDGET_EXHAUSTED),
                    "all kept as RETRY_BUDGET_EXHAUSTED");
            assertTrue(open.get(0).detail().contains("retry budget refused"), open.get(0).detail());

            harness.sandbox.genesys().clearForcedResponses();
            HttpResponse<String> replay = ManagementApi.send(harness, "POST",
                    "/api/dead-letters/replay?reason=RETRY_BUDGET_EXHAUSTED");
            assertEquals(200, replay.statusCode(), replay.body());
            JsonNode answer = new ObjectMapper().readTree(replay.body());
            assertEquals(300, answer.path("replayed").size(), replay.body());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void per_event_conflicts_go_to_the_next_round_in_full_batches() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(2000)
                .windowMode(WindowMode.ON).windowConcurrentLimit(10).perEventConflictShare(0.15).latencyMedianMs(5),
                Map.of("wfm.window.mode", "on", "wfm.window.initial-concurrent", "10"))) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            long conflicted = harness.sandbox.genesys().counters().perEventConflicts();
            assertTrue(conflicted > 200, "about 15% of 2,000 events conflicted: " + conflicted);
            // 20 full batches, then the conflicted events in batches of 100 again (not 20 small ones)
            long expected = 20 + (conflicted + 99) / 100;
            assertEquals(expected, run.requests(), run.toLogLine());
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents(), "no event applied twice");
        }
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.LegacySimulator;
import org.wfmagentsync.sandbox.UserPresence;

/**
 * The legacy system slow or answering an empty list. (Down, unreachable and malformed are in
 * {@link LegacyFeedFailureTest}; a 100,000-agent list is in {@link HugeFeedIT}.)
 */
class LegacyFaultsTest {

    @Test
    void a_legacy_system_slower_than_the_response_timeout_fails_the_run_naming_the_url_and_the_timeout() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(30),
                Map.of("camel.component.http.response-timeout", "400"))) {
            harness.sandbox.legacy().setDelay(Duration.ofSeconds(5));

            long started = System.nanoTime();
            RunSummary failed = harness.runOnce();
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertEquals(RunSummary.Outcome.FAILED, failed.outcome(), failed.toLogLine());
            assertEquals("legacy system did not answer within 400 ms (camel.component.http.response-timeout) at "
                    + harness.sandbox.legacy().agentsUrl() + ": Read timed out", failed.error());
            assertTrue(tookMs < 4_000, "the run gave up at the timeout, not when the server answered: " + tookMs);
            assertEquals(0, failed.requests());
            assertEquals(List.of(), harness.openDeadLetters());

            harness.sandbox.legacy().setDelay(Duration.ofMillis(100));
            RunSummary next = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, next.outcome(), "slow but within the timeout: " + next.toLogLine());
            assertEquals(30, next.delivered());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void an_empty_agent_list_changes_nothing_in_genesys_and_the_operator_is_told() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(30), Map.of());
                CapturedLog log = CapturedLog.warnings()) {
            harness.runOnce();
            Map<String, UserPresence> before = harness.sandbox.genesys().state();
            long requestsBefore = harness.sandbox.genesys().counters().requests();
            harness.sandbox.legacy().setFault(LegacySimulator.Fault.EMPTY);

            RunSummary empty = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, empty.outcome(), empty.toLogLine());
            assertEquals(0, empty.fetched());
            assertEquals(0, empty.changed());
            assertEquals(requestsBefore, harness.sandbox.genesys().counters().requests(), "nothing sent");
            assertEquals(before, harness.sandbox.genesys().state(), "no agent reset or removed");
            assertEquals(List.of(), harness.openDeadLetters());
            assertTrue(log.anyLineContains("fetched no agents from the legacy system",
                    "nothing in Genesys Cloud was changed"), log.lines().toString());

            harness.sandbox.legacy().setFault(LegacySimulator.Fault.NONE);
            RunSummary back = harness.runOnce();

            assertEquals(0, back.changed(), "what was delivered before the empty list is still known: " + back.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }
}

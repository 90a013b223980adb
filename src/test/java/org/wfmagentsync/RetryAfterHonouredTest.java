package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.RequestLogEntry;

class RetryAfterHonouredTest {

    @Test
    void a_429_delays_the_next_attempt_by_at_least_retry_after() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(20), Map.of())) {
            // lower-case header name: Retry-After is matched in any case
            harness.sandbox.genesys().failNextRequests(1, 429, "too.many.requests.retry.after", Map.of("retry-after", "1"));

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(1, run.rateLimited429());
            List<RequestLogEntry> log = harness.sandbox.genesys().requestLog();
            assertEquals(2, log.size());
            assertEquals(429, log.get(0).status());
            assertEquals(200, log.get(1).status());
            Duration gap = Duration.between(log.get(0).arrivalInstant(), log.get(1).arrivalInstant());
            assertTrue(gap.compareTo(Duration.ofSeconds(1)) >= 0, "waited only " + gap.toMillis() + " ms");
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }
}

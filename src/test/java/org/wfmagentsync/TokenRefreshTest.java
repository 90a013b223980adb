package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.MutableClock;

class TokenRefreshTest {

    @Test
    void a_revoked_token_is_replaced_once_and_the_batch_is_delivered() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(50), Map.of())) {
            harness.runOnce();
            harness.sandbox.legacy().changeAgents(10);
            harness.sandbox.genesys().revokeAllTokens();

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(2, run.requests(), "the 401 and the retry with a fresh token");
            assertEquals(2, harness.sandbox.genesys().counters().tokensIssued());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void an_expired_token_is_refreshed() {
        MutableClock sandboxClock = new MutableClock(Instant.now());
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(50).tokenTtlSeconds(300),
                Map.of(), sandboxClock)) {
            harness.runOnce();
            harness.sandbox.legacy().changeAgents(5);
            // Genesys Cloud's clock says the token has expired; the connector still thinks it is fresh
            sandboxClock.advance(Duration.ofMinutes(10));

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(2, run.requests(), "the 401 credentials.expired and the retry with a fresh token");
            assertEquals(1, harness.sandbox.genesys().counters().status(401));
            assertEquals(2, harness.sandbox.genesys().counters().tokensIssued());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void a_second_401_with_a_fresh_token_is_dead_lettered_as_auth_failed() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5), Map.of())) {
            harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 401, "bad.credentials", Map.of());

            RunSummary run = harness.runOnce();

            assertEquals(2, run.requests(), "one fresh token, one retry, no more");
            DeadLetter letter = harness.openDeadLetters().get(0);
            assertEquals(DeadLetterReason.AUTH_FAILED, letter.reason());
            assertEquals(401, letter.httpStatus());
        }
    }

    @Test
    void wrong_client_credentials_are_reported_without_the_secret() {
        String secret = "s3cr3t-do-not-log-" + System.nanoTime();
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of("genesys.client-secret", secret))) {
            RunSummary run = harness.runOnce();

            assertEquals(0, run.requests(), "no presence request without a token");
            DeadLetter letter = harness.openDeadLetters().get(0);
            assertEquals(DeadLetterReason.AUTH_FAILED, letter.reason());
            assertTrue(letter.detail().contains("GENESYS_CLIENT_SECRET"), letter.detail());
            assertFalse(letter.detail().contains(secret));
            assertFalse(run.toLogLine().contains(secret));
        }
    }
}

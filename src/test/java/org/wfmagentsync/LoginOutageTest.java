package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.GenesysCounters;

/** The Genesys Cloud login host (the token endpoint) down for a while, or for longer than the retries last. */
class LoginOutageTest {

    // A start fetches the token (to check the presence source), so each outage begins before the connector starts:
    // the check at start-up meets it first and leaves the presence source unchecked, then the run meets it.

    @Test
    void a_short_login_outage_is_retried_and_the_run_delivers_everything() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(250),
                sandbox -> sandbox.genesys().failNextTokenRequests(3), Map.of())) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(250, run.delivered());
            GenesysCounters counters = harness.sandbox.genesys().counters();
            assertEquals(3, counters.tokenRejections(), "three 503s from the login host, one of them at start-up");
            assertEquals(1, counters.tokensIssued(), "then one token for the whole run");
            assertEquals(List.of(), harness.openDeadLetters());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void a_login_outage_that_outlasts_the_retries_fails_the_run_before_sending_and_the_next_run_delivers() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(250),
                sandbox -> sandbox.genesys().setTokenEndpointDown(true), Map.of("wfm.retry.max-redeliveries", "3"))) {
            long atStartUp = harness.sandbox.genesys().counters().tokenRejections();

            RunSummary failed = harness.runOnce();

            assertEquals(RunSummary.Outcome.FAILED, failed.outcome(), failed.toLogLine());
            assertEquals("no access token from the Genesys Cloud login host: login host answered HTTP 503"
                    + " (temporarily_unavailable) to the token request for client id "
                    + harness.sandbox.settings().clientId()
                    + "; nothing was sent, so nothing is lost: the next run tries again", failed.error());
            assertEquals(0, failed.requests());
            assertEquals(0, failed.deadLettered(), "events that were never sent are not dead letters");
            assertEquals(4, harness.sandbox.genesys().counters().tokenRejections() - atStartUp, "one try and 3 retries");
            assertEquals(List.of(), harness.openDeadLetters());

            harness.sandbox.genesys().setTokenEndpointDown(false);
            RunSummary next = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, next.outcome(), next.toLogLine());
            assertEquals(250, next.delivered(), "the changes the failed run could not send");
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void a_token_revoked_while_the_login_host_is_down_keeps_the_events_for_replay() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(50),
                Map.of("wfm.retry.max-redeliveries", "2"))) {
            harness.runOnce();
            harness.sandbox.legacy().changeAgents(50);
            // The connector still holds a token it believes valid, so the run starts; its requests get 401.
            harness.sandbox.genesys().revokeAllTokens();
            harness.sandbox.genesys().setTokenEndpointDown(true);

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            List<DeadLetter> open = harness.openDeadLetters();
            assertEquals(50, open.size(), "every changed agent is kept");
            DeadLetter letter = open.get(0);
            assertEquals(DeadLetterReason.RETRIES_EXHAUSTED, letter.reason());
            assertTrue(letter.detail().startsWith("login host answered HTTP 503 (temporarily_unavailable) to the token"
                    + " request"), letter.detail());

            harness.sandbox.genesys().setTokenEndpointDown(false);
            HttpResponse<String> replay = ManagementApi.send(harness, "POST",
                    "/api/dead-letters/replay?reason=RETRIES_EXHAUSTED");
            JsonNode answer = new ObjectMapper().readTree(replay.body());
            assertEquals(50, answer.path("replayed").size(), replay.body());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents());
        }
    }
}

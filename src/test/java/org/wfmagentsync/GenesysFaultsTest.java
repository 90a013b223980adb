package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.ConnectionFault;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.GenesysSimulator;

/**
 * Genesys Cloud misbehaving below and above HTTP while a run is under way: bursts of 5xx, connections
 * closed without an answer, requests that hang, tokens revoked mid-run. Each fault is planted in the
 * simulator for exactly the requests it names, so no test waits for time to pass.
 */
class GenesysFaultsTest {

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {502, 503, 504})
    void a_burst_of_5xx_is_retried_and_everything_is_delivered_once(int status) {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(250), Map.of())) {
            harness.sandbox.genesys().failNextRequests(5, status, "service.unavailable", Map.of());

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(250, run.delivered());
            assertEquals(5, run.retries(), "one retry per 5xx");
            assertEquals(3 + 5, run.requests(), "3 batches, 5 of their attempts answered " + status);
            GenesysCounters counters = harness.sandbox.genesys().counters();
            assertEquals(5, counters.status(status));
            assertEquals(0, counters.duplicateEvents(), "a retried batch is applied once");
            assertEquals(List.of(), harness.openDeadLetters());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void server_errors_beyond_the_retry_bound_is_dead_lettered_with_the_status_and_a_replay_delivers_it() throws Exception {
        // Small batches keep the dead-letter bookkeeping (one transaction per entry) quick.
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(30),
                Map.of("wfm.retry.max-redeliveries", "2", "wfm.push.batch-size", "10"));
                CapturedLog log = CapturedLog.warnings()) {
            harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 503, "service.unavailable", Map.of());

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            assertEquals(0, run.delivered());
            assertEquals(30, run.deadLettered());
            assertEquals(3 * 3, run.requests(), "3 batches, each tried once and retried twice, no more");
            List<DeadLetter> open = harness.openDeadLetters();
            assertEquals(30, open.size(), "every event is kept");
            for (DeadLetter letter : open) {
                assertEquals(DeadLetterReason.RETRIES_EXHAUSTED, letter.reason());
                assertEquals(503, letter.httpStatus());
                assertEquals(3, letter.attempts());
                assertEquals("Genesys Cloud answered HTTP 503 service.unavailable: Forced by the sandbox:"
                        + " service.unavailable after 3 attempt(s)", letter.detail());
            }
            assertTrue(log.anyLineContains("dead-lettered 10 event(s) (RETRIES_EXHAUSTED)", "HTTP 503"), log.lines()
                    .toString());
            assertEquals(Map.of(), harness.actualPresenceByUser(), "nothing reached Genesys Cloud");

            harness.sandbox.genesys().clearForcedResponses();
            JsonNode replay = replay(harness, "RETRIES_EXHAUSTED");
            assertEquals(30, replay.path("replayed").size(), replay.toString());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents());
        }
    }

    @Test
    void connections_closed_without_an_answer_are_retried_and_everything_is_delivered_once() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(250), Map.of())) {
            harness.sandbox.genesys().failNextConnections(4, ConnectionFault.RESET);

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(250, run.delivered());
            assertEquals(4, run.retries(), "one retry per dropped connection");
            GenesysCounters counters = harness.sandbox.genesys().counters();
            assertEquals(4, counters.droppedConnections());
            assertEquals(0, counters.duplicateEvents());
            assertEquals(List.of(), harness.openDeadLetters());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void connections_that_keep_closing_are_dead_lettered_naming_the_io_error() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(50),
                Map.of("wfm.retry.max-redeliveries", "1"))) {
            harness.sandbox.genesys().failNextConnections(Integer.MAX_VALUE, ConnectionFault.RESET);

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            List<DeadLetter> open = harness.openDeadLetters();
            assertEquals(50, open.size());
            DeadLetter letter = open.get(0);
            assertEquals(DeadLetterReason.RETRIES_EXHAUSTED, letter.reason());
            assertEquals(null, letter.httpStatus(), "no HTTP answer came");
            assertTrue(letter.detail().startsWith("I/O error talking to Genesys Cloud: NoHttpResponseException"),
                    letter.detail());
            assertTrue(letter.detail().endsWith("after 2 attempt(s)"), letter.detail());
        }
    }

    @Test
    void a_hanging_request_times_out_after_the_response_timeout_and_is_retried() {
        long timeoutMs = 300;
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(250),
                Map.of("camel.component.http.response-timeout", Long.toString(timeoutMs)))) {
            harness.sandbox.genesys().failNextConnections(2, ConnectionFault.HANG);

            long started = System.nanoTime();
            RunSummary run = harness.runOnce();
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(250, run.delivered());
            assertEquals(2, run.retries(), "one retry per hung request");
            assertTrue(tookMs >= timeoutMs, "the hung requests were given the response timeout: " + tookMs + " ms");
            assertTrue(tookMs < GenesysSimulator.MAX_HANG.toMillis() / 2, "not stuck until the server gave up: "
                    + tookMs + " ms");
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void requests_that_always_hang_are_dead_lettered_naming_the_timeout_and_the_run_ends() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(50),
                Map.of("camel.component.http.response-timeout", "200", "wfm.retry.max-redeliveries", "1"))) {
            harness.sandbox.genesys().failNextConnections(Integer.MAX_VALUE, ConnectionFault.HANG);

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            assertEquals(2, harness.sandbox.genesys().counters().droppedConnections(), "tried once, retried once");
            assertEquals(1, run.retries());
            List<DeadLetter> open = harness.openDeadLetters();
            assertEquals(50, open.size());
            assertEquals(DeadLetterReason.RETRIES_EXHAUSTED, open.get(0).reason());
            assertTrue(open.get(0).detail().startsWith("I/O error talking to Genesys Cloud: SocketTimeoutException"),
                    open.get(0).detail());
        }
    }

    @Test
    void tokens_revoked_mid_run_are_replaced_once_and_every_event_is_delivered_once() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5000).concurrentLimit(20),
                Map.of())) {
            // Revoked when the 20th of the run's 50 requests arrives, with others in flight on the same token.
            harness.sandbox.genesys().revokeAllTokensAtRequest(20);

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(5000, run.delivered());
            GenesysCounters counters = harness.sandbox.genesys().counters();
            long unauthorized = counters.status(401);
            assertTrue(unauthorized >= 1, "the revocation was felt");
            assertEquals(2, counters.tokensIssued(), "one fresh token for every batch that got a 401, not one each");
            assertEquals(50 + unauthorized, run.requests(), "each 401 retried once with the fresh token");
            assertEquals(0, counters.duplicateEvents());
            assertEquals(List.of(), harness.openDeadLetters());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    private static JsonNode replay(ConnectorHarness harness, String reason) throws Exception {
        HttpResponse<String> answer = ManagementApi.send(harness, "POST", "/api/dead-letters/replay?reason=" + reason);
        assertEquals(200, answer.statusCode(), answer.body());
        return new ObjectMapper().readTree(answer.body());
    }
}

package org.wfmagentsync;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventIds;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentTruth;
import org.wfmagentsync.sandbox.ForcedResponse;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.SandboxUsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and malformed input from both sides, through the real connector and the sandbox: each bad
 * legacy row is dead-lettered with a message naming the agent (or the row) and the field, the rest
 * of the feed is delivered; a document that cannot be used at all ends the run with one clear line;
 * odd Genesys Cloud answers are retried or dead-lettered with what they said.
 */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PRESENCE = StateTable.load(Path.of("config/states.csv"));

    /** One bad legacy row and exactly what the operator is told about it. */
    private record BadRow(String row, String agentId, String detail) {
    }

    private static String t(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void every_bad_row_is_dead_lettered_naming_agent_and_field_and_every_good_row_is_delivered() throws Exception {
        Instant now = Instant.now();
        String ok = t(now.minusSeconds(120));
        String huge = "A".repeat(1_000_000);
        List<BadRow> bad = List.of(
                new BadRow("{\"agentId\":1234,\"state\":\"READY\",\"changedAt\":\"" + ok + "\"}", null,
                        "field 'agentId' is a number (1234), not a string"),
                new BadRow("{\"agentId\":null,\"state\":\"READY\",\"changedAt\":\"" + ok + "\"}", null,
                        "field 'agentId' is null, not a string"),
                new BadRow("{\"agentId\":\"\",\"state\":\"READY\",\"changedAt\":\"" + ok + "\"}", null,
                        "field 'agentId' is empty"),
                new BadRow("{\"agentId\":\"" + "B".repeat(5000) + "\",\"state\":\"READY\",\"changedAt\":\"" + ok + "\"}",
                        null, "field 'agentId' is 5000 characters long, more than 200: '" + "B".repeat(60)
                        + "... (5000 characters)'"),
                new BadRow("{\"agentId\":\"" + huge + "\",\"state\":\"READY\",\"changedAt\":\"" + ok + "\"}",
                        null, "field 'agentId' is 1000000 characters long, more than 200: '" + "A".repeat(60)
                        + "... (1000000 characters)'"),
                new BadRow("{\"agentId\":\"A00\\u000012\",\"state\":\"READY\",\"changedAt\":\"" + ok + "\"}", null,
                        "field 'agentId' contains a control or invisible character (U+0000) at position 4: 'A00?12'"),
                new BadRow("{\"agentId\":\"A0011\",\"state\":7,\"changedAt\":\"" + ok + "\"}", "A0011",
                        "field 'state' is a number (7), not a string"),
                new BadRow("{\"agentId\":\"A0012\",\"state\":{\"name\":\"READY\"},\"changedAt\":\"" + ok + "\"}", "A0012",
                        "field 'state' is an object, not a string"),
                new BadRow("{\"agentId\":\"A0013\",\"changedAt\":\"" + ok + "\"}", "A0013", "field 'state' is missing"),
                new BadRow("{\"agentId\":\"A0014\",\"state\":\"   \",\"changedAt\":\"" + ok + "\"}", "A0014",
                        "field 'state' is blank"),
                new BadRow("{\"agentId\":\"A0015\",\"state\":\"NOT_READY\",\"reason\":\"BREAK\\n17:00 INFO forged\","
                        + "\"changedAt\":\"" + ok + "\"}", "A0015",
                        "field 'reason' contains a control or invisible character (U+000A) at position 6"),
                new BadRow("{\"agentId\":\"A0016\",\"state\":\"NOT_READY\",\"reason\":\"\\u202eKAERB\",\"changedAt\":\""
                        + ok + "\"}", "A0016",
                        "field 'reason' contains a control or invisible character (U+202E) at position 1"),
                new BadRow("{\"agentId\":\"A0017\",\"state\":\"NOT_READY\",\"reason\":true,\"changedAt\":\"" + ok + "\"}",
                        "A0017", "field 'reason' is a boolean (true), not a string"),
                new BadRow("{\"agentId\":\"A0018\",\"state\":\"NOT_READY|BREAK\",\"changedAt\":\"" + ok + "\"}", "A0018",
                        "field 'state' contains '|' at position 10, which joins state and reason in states.csv keys"),
                new BadRow("{\"agentId\":\"A0019\",\"state\":\"NOT_READY\",\"reason\":\"" + "R".repeat(300)
                        + "\",\"changedAt\":\"" + ok + "\"}", "A0019", "field 'reason' is 300 characters long, more than 200"),
                new BadRow("{\"agentId\":\"A0020\",\"state\":\"READY\"}", "A0020", "field 'changedAt' is missing"),
                new BadRow("{\"agentId\":\"A0021\",\"state\":\"READY\",\"changedAt\":1732550000}", "A0021",
                        "field 'changedAt' is a number (1732550000), not a string"),
                new BadRow("{\"agentId\":\"A0022\",\"state\":\"READY\",\"changedAt\":\"2026-11-24T14:59:00\"}", "A0022",
                        "field 'changedAt' is not an ISO-8601 date-time with offset: '2026-11-24T14:59:00'"),
                new BadRow("{\"agentId\":\"A0023\",\"state\":\"READY\",\"changedAt\":\"\\u0007now\"}", "A0023",
                        "field 'changedAt' is not an ISO-8601 date-time with offset: '?now'"),
                new BadRow("{\"agentId\":\"A0024\",\"state\":\"READY\",\"changedAt\":\"2099-01-01T00:00:00Z\"}", "A0024",
                        "field 'changedAt' is 2099-01-01T00:00Z, in the future beyond the clock-skew tolerance"
                        + " (legacy.future-tolerance-ms); sent, it would hide every real change until then"),
                new BadRow("{\"agentId\":\"A0025\",\"state\":\"READY\",\"changedAt\":\"1970-01-01T00:00:00Z\"}", "A0025",
                        "field 'changedAt' is 1970-01-01T00:00Z, not after 1970-01-01T00:00:00Z"
                        + " (a placeholder, not a state change)"),
                new BadRow("[\"A0026\",\"READY\"]", null, "the row is an array, not a JSON object"),
                new BadRow("null", null, "the row is null, not a JSON object"),
                new BadRow("42", null, "the row is a number (42), not a JSON object"),
                // duplicates: a bad row newer than the agent's good row stays open; an older one is superseded
                new BadRow("{\"agentId\":\"A0007\",\"state\":[],\"changedAt\":\"" + t(now.minusSeconds(10)) + "\"}",
                        "A0007", "field 'state' is an array, not a string"),
                new BadRow("{\"agentId\":\"A0008\",\"state\":false,\"changedAt\":\"" + t(now.minusSeconds(3000)) + "\"}",
                        "A0008", "field 'state' is a boolean (false), not a string"));
        List<String> good = List.of(
                // unknown fields, at any depth, are ignored
                "{\"agentId\":\"A0001\",\"state\":\"READY\",\"changedAt\":\"" + ok + "\",\"extra\":{\"deep\":[1,{\"x\":null}]},"
                        + "\"note\":\"\\u0000 ignored\"}",
                "{\"agentId\":\"A0002\",\"state\":\"ON_CALL\",\"reason\":null,\"changedAt\":\"" + ok + "\"}",
                // an offset other than Z and fractions of a second
                "{\"changedAt\":\"" + now.minusSeconds(60).atOffset(java.time.ZoneOffset.ofHours(-6)) + "\","
                        + "\"reason\":\"LUNCH\",\"state\":\"NOT_READY\",\"agentId\":\"A0003\"}",
                // within the clock-skew tolerance
                "{\"agentId\":\"A0004\",\"state\":\"AFTER_CALL_WORK\",\"changedAt\":\"" + t(now.plusSeconds(60)) + "\"}",
                // duplicates: the newest changedAt wins, wherever it is in the feed
                "{\"agentId\":\"A0005\",\"state\":\"ON_CALL\",\"changedAt\":\"" + t(now.minusSeconds(30)) + "\"}",
                "{\"agentId\":\"A0005\",\"state\":\"NOT_READY\",\"reason\":\"BREAK\",\"changedAt\":\""
                        + t(now.minusSeconds(10)) + "\"}",
                "{\"agentId\":\"A0005\",\"state\":\"READY\",\"changedAt\":\"" + t(now.minusSeconds(20)) + "\"}",
                // an exact tie (the same instant, written with two offsets): the later row wins
                "{\"agentId\":\"A0006\",\"state\":\"READY\",\"changedAt\":\"" + ok + "\"}",
                "{\"agentId\":\"A0006\",\"state\":\"ON_CALL\",\"changedAt\":\""
                        + Instant.parse(ok).atOffset(java.time.ZoneOffset.ofHours(2)) + "\"}",
                "{\"agentId\":\"A0007\",\"state\":\"READY\",\"changedAt\":\"" + t(now.minusSeconds(1000)) + "\"}",
                "{\"agentId\":\"A0008\",\"state\":\"LOGGED_OUT\",\"changedAt\":\"" + t(now.minusSeconds(5)) + "\"}");
        Map<String, String> expected = Map.of(
                "A0001", presence("READY", null), "A0002", presence("ON_CALL", null),
                "A0003", presence("NOT_READY", "LUNCH"), "A0004", presence("AFTER_CALL_WORK", null),
                "A0005", presence("NOT_READY", "BREAK"), "A0006", presence("ON_CALL", null),
                "A0007", presence("READY", null), "A0008", presence("LOGGED_OUT", null));
        List<String> rows = new ArrayList<>(good);
        bad.forEach(row -> rows.add(row.row()));

        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(40), Map.of())) {
            harness.sandbox.legacy().setRawBody("{\"asOf\":\"" + t(now) + "\",\"unknown\":{\"a\":[1]},\"agents\":["
                    + String.join(",\n", rows) + "]}");

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            assertEquals(rows.size(), run.fetched());
            assertEquals(expected.size(), run.delivered(), run.toLogLine());
            assertEquals(bad.size(), run.deadLettered(), run.toLogLine());
            for (Map.Entry<String, String> agent : expected.entrySet()) {
                assertEquals(agent.getValue(), harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf(agent.getKey()))
                        .orElseThrow(() -> new AssertionError(agent.getKey() + " not delivered")).presenceDefinitionId(),
                        agent.getKey());
            }
            assertEquals(expected.size(), harness.sandbox.genesys().state().size(), "nothing sent for a bad row");
            GenesysCounters counters = harness.sandbox.genesys().counters();
            assertEquals(0, counters.perEventRejections(), "no invalid event sent");
            assertEquals(0, counters.status(400));

            List<DeadLetter> letters = harness.deadLetterStore().listAll(1000);
            assertEquals(bad.size(), letters.size());
            for (int i = 0; i < bad.size(); i++) {
                BadRow row = bad.get(i);
                String who = row.agentId() == null
                        ? "a record without a usable agentId (agents[" + (good.size() + i) + "])" : "agent " + row.agentId();
                String detail = who + ": " + row.detail();
                DeadLetter letter = letters.stream().filter(l -> l.detail().equals(detail)).findFirst()
                        .orElseThrow(() -> new AssertionError("no dead letter '" + detail + "' among "
                                + letters.stream().map(DeadLetter::detail).collect(Collectors.joining("\n"))));
                assertEquals(DeadLetterReason.INVALID_RECORD, letter.reason());
                assertEquals(row.agentId(), letter.agentId());
                if (row.row().length() < 10_000) {
                    assertEquals(JSON.readTree(row.row()), JSON.readTree(letter.eventJson()), "the raw row is kept");
                } else {
                    assertTrue(letter.eventJson().startsWith("{\"agentId\":\"AAAA"), "a huge row is kept in part");
                    assertTrue(letter.eventJson().endsWith("characters in all, hash "
                            + Integer.toHexString(JSON.readTree(row.row()).toString().hashCode()) + ")"));
                    assertTrue(letter.eventJson().length() < 10_100, "bounded: " + letter.eventJson().length());
                }
            }
            assertEquals(DeadLetterStatus.OPEN, letterOf(letters, "A0007").status(),
                    "a bad row newer than the delivered one stays open");
            assertEquals(DeadLetterStatus.SUPERSEDED, letterOf(letters, "A0008").status(),
                    "a bad row older than the delivered one is closed as superseded");
            assertNotNull(letterOf(letters, "A0024").eventTime(), "the future time is kept for the operator");
        }
    }

    @Test
    void a_document_that_cannot_be_used_ends_the_run_with_one_clear_line_and_nothing_is_sent() {
        String valid = "{\"agents\":[{\"agentId\":\"A0001\",\"state\":\"READY\",\"changedAt\":\""
                + t(Instant.now().minusSeconds(60)) + "\"}]}";
        Map<String, String> documents = new java.util.LinkedHashMap<>();
        documents.put("[]", "legacy feed is JSON but not an object with an 'agents' list: Cannot deserialize");
        documents.put("{\"asOf\":\"x\"}", "legacy feed has no 'agents' list (the field is missing or null)");
        documents.put("{\"agents\":null}", "legacy feed has no 'agents' list (the field is missing or null)");
        documents.put("{\"agents\":{\"agentId\":\"A0001\"}}",
                "legacy feed is JSON but not an object with an 'agents' list: at 'agents': Cannot deserialize");
        documents.put("{\"agents\":\"A0001,READY\"}",
                "legacy feed is JSON but not an object with an 'agents' list: at 'agents': Cannot deserialize");
        documents.put("\"" + "x".repeat(21_000_000) + "\"", "legacy feed is beyond the JSON parser's limits: String value length");
        documents.put("{\"agents\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
                "legacy feed is beyond the JSON parser's limits: Document nesting depth");
        documents.put(valid.substring(0, valid.length() - 10), "legacy feed is not valid JSON");
        documents.put("<html><body>502 Bad Gateway</body></html>", "legacy feed is not valid JSON: Unexpected character ('<'");
        documents.put("", "legacy feed is empty");
        documents.put("null", "legacy feed is JSON null");
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5), Map.of())) {
            for (Map.Entry<String, String> document : documents.entrySet()) {
                String shown = document.getKey().length() > 40 ? document.getKey().substring(0, 40) : document.getKey();
                harness.sandbox.legacy().setRawBody(document.getKey());

                RunSummary run = harness.runOnce();

                assertEquals(RunSummary.Outcome.FAILED, run.outcome(), shown);
                assertNotNull(run.error(), shown);
                assertTrue(run.error().startsWith(document.getValue()), shown + " -> " + run.error());
                assertTrue(run.error().length() < 500, "one bounded line: " + run.error().length());
                assertFalse(run.error().contains("\n"), run.error());
                assertEquals(0, run.requests(), shown);
                assertEquals(0, run.deadLettered(), "a document is not a record: " + shown);
            }
            assertTrue(harness.openDeadLetters().isEmpty());

            harness.sandbox.legacy().setRawBody(valid);
            RunSummary next = harness.runOnce();
            assertEquals(RunSummary.Outcome.SUCCEEDED, next.outcome(), next.toLogLine());
            assertEquals(presence("READY", null), harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf("A0001"))
                    .orElseThrow().presenceDefinitionId());
        }
    }

    @Test
    void an_html_502_from_genesys_is_retried_and_everything_is_delivered_once() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(150),
                Map.of("wfm.push.max-concurrent", "1"))) {
            harness.sandbox.genesys().failNextRequests(1, ForcedResponse.raw(502, Map.of(),
                    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body>\r\n</html>"));

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(1, run.retries());
            assertEquals(3, run.requests());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents());
            assertTrue(harness.openDeadLetters().isEmpty());
        }
    }

    @Test
    void a_text_400_from_genesys_is_dead_lettered_with_what_it_said_and_the_other_batch_is_delivered() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(200),
                Map.of("wfm.push.max-concurrent", "1"))) {
            harness.sandbox.genesys().failNextRequests(1, ForcedResponse.raw(400, Map.of(),
                    "Bad Request\n\tmalformed header\u0000"));

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            assertEquals(0, run.retries(), "a 400 is not retried");
            assertEquals(100, run.delivered());
            List<DeadLetter> letters = harness.openDeadLetters();
            assertEquals(100, letters.size(), "the refused batch is kept");
            DeadLetter letter = letters.get(0);
            assertEquals(DeadLetterReason.REJECTED, letter.reason());
            assertEquals(400, letter.httpStatus());
            assertEquals("Genesys Cloud answered HTTP 400: the body is not JSON: 'Bad Request malformed header'",
                    letter.detail());
            assertEquals("Bad Request\n\tmalformed header\u0000", letter.responseBody(), "the body as it came");
            assertEquals(100, harness.actualPresenceByUser().size());
        }
    }

    @Test
    void a_503_html_page_that_never_ends_is_dead_lettered_with_the_page_quoted() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10),
                Map.of("wfm.retry.max-redeliveries", "2"))) {
            harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, ForcedResponse.raw(503, Map.of(),
                    "<html><body><h1>Service Unavailable</h1>" + "x".repeat(5000) + "</body></html>"));

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            assertEquals(3, run.requests());
            List<DeadLetter> letters = harness.openDeadLetters();
            assertEquals(10, letters.size());
            DeadLetter letter = letters.get(0);
            assertEquals(DeadLetterReason.RETRIES_EXHAUSTED, letter.reason());
            assertTrue(letter.detail().startsWith("Genesys Cloud answered HTTP 503: the body is not JSON:"
                    + " '<html><body><h1>Service Unavailable</h1>xxx"), letter.detail());
            assertTrue(letter.detail().endsWith("...' after 3 attempt(s)"), letter.detail());
            assertTrue(letter.detail().length() < 400, "quoted in part: " + letter.detail().length());
            assertTrue(letter.responseBody().startsWith("<html><body><h1>Service Unavailable</h1>"));
        }
    }

    @Test
    void a_200_whose_errors_are_not_a_list_or_name_no_event_of_ours_is_retried_as_delivery_unknown() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(20), Map.of())) {
            harness.sandbox.genesys().failNextRequests(1, ForcedResponse.raw(200, Map.of(), "{\"errors\":\"none\"}"));
            RunSummary first = harness.runOnce();
            assertEquals(RunSummary.Outcome.SUCCEEDED, first.outcome(), first.toLogLine());
            assertEquals(1, first.retries());

            harness.sandbox.legacy().changeAgents(10);
            harness.sandbox.genesys().failNextRequests(1, ForcedResponse.raw(200, Map.of(),
                    "{\"errors\":[{\"eventId\":\"not-one-of-ours\",\"message\":\"?\",\"retryable\":false},"
                            + "{\"message\":\"no id at all\"}]}"));
            RunSummary second = harness.runOnce();
            assertEquals(RunSummary.Outcome.SUCCEEDED, second.outcome(), second.toLogLine());
            assertEquals(1, second.retries(), "not counted as delivered: sent again");
            assertEquals(10, second.delivered());

            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents());
            assertTrue(harness.openDeadLetters().isEmpty());
        }
    }

    @Test
    void a_per_event_error_message_with_control_characters_is_kept_on_one_line_and_the_rest_is_delivered() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of())) {
            AgentTruth truth = harness.sandbox.legacy().truth().get("A0001");
            String eventId = EventIds.of(new org.wfmagentsync.model.AgentState("A0001", truth.state().name(),
                    truth.reason(), truth.changedAt().atOffset(java.time.ZoneOffset.UTC), null));
            harness.sandbox.genesys().failNextRequests(1, ForcedResponse.raw(200, Map.of(), "{\"errors\":[{\"eventId\":\""
                    + eventId + "\",\"message\":\"user not found\\n12:00:00 INFO forged line\\u0000\\u202e\","
                    + "\"retryable\":false}]}"));

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            assertEquals(2, run.delivered());
            DeadLetter letter = harness.openDeadLetters().get(0);
            assertEquals(DeadLetterReason.EVENT_REJECTED, letter.reason());
            assertEquals("A0001", letter.agentId());
            assertEquals("Genesys Cloud refused event for agent A0001: user not found 12:00:00 INFO forged line",
                    letter.detail());
            assertTrue(letter.responseBody().contains("forged line"), "the answer is kept as it came");
        }
    }

    private static DeadLetter letterOf(List<DeadLetter> letters, String agentId) {
        return letters.stream().filter(letter -> agentId.equals(letter.agentId())).findFirst().orElseThrow();
    }

    private static String presence(String state, String reason) {
        return StateTable.presenceOf(PRESENCE, state, reason);
    }
}

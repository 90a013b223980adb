package org.wfmagentsync.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.model.AgentState;

/**
 * The legacy feed read as a stream, as a run reads the HTTP body: the row rules are those of a whole
 * document, the document is checked to its end before any row is used, and the spooled copy of the
 * body is gone once the rows have been taken or the document is refused.
 */
class StreamedFeedTest {

    @TempDir
    Path spoolDir;

    private final List<RejectedRecord> refused = new ArrayList<>();

    private FeedReader reader() {
        return new FeedReader(null, null, Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC),
                Duration.ofMinutes(5), spoolDir);
    }

    @Test
    void malformed_rows_are_refused_one_by_one_and_unknown_fields_are_ignored() throws Exception {
        List<String> taken = take(reader().rows(body("""
                {"asOf": {"any": ["shape"]}, "source": {"nested": [1, 2, {"deep": null}]},
                 "agents": [
                  {"agentId": "A1", "state": "READY", "changedAt": "2026-11-24T14:00:00Z", "team": {"id": 7}, "x": [1]},
                  "A2,READY",
                  {"agentId": 1234, "state": "READY", "changedAt": "2026-11-24T14:00:00Z"},
                  {"agentId": "A4", "changedAt": "2026-11-24T14:00:00Z"},
                  null,
                  {"agentId": "A6", "state": "READY", "changedAt": "yesterday"},
                  {"agentId": "A7", "state": "BREAK", "reason": "LUNCH", "changedAt": "2026-11-24T14:00:00+01:00"}
                 ],
                 "trailer": "ignored"}"""), refused::add));

        assertEquals(List.of("A1:READY@2026-11-24T14:00Z", "A7:BREAK|LUNCH@2026-11-24T14:00+01:00"), taken);
        assertEquals(List.of(
                "a record without a usable agentId (agents[1]): the row is a string, not a JSON object",
                "a record without a usable agentId (agents[2]): field 'agentId' is a number (1234), not a string",
                "agent A4: field 'state' is missing",
                "a record without a usable agentId (agents[4]): the row is null, not a JSON object",
                "agent A6: field 'changedAt' is not an ISO-8601 date-time with offset: 'yesterday'"),
                refused.stream().map(RejectedRecord::message).toList());
        assertEquals("{\"agentId\":\"A1\",\"state\":\"READY\",\"changedAt\":\"2026-11-24T14:00:00Z\",\"team\":{\"id\":7},"
                + "\"x\":[1]}", firstRawKept(), "the row is kept as it came, unknown fields and all");
    }

    @Test
    void an_agent_in_several_rows_yields_its_newest_valid_row_at_its_first_valid_position() throws Exception {
        List<String> taken = take(reader().rows(body(feed(
                "{\"agentId\":\"A1\",\"state\":\"\",\"changedAt\":\"2026-11-24T14:59:00Z\"}", // bad and newest: hides nothing
                row("B1", "READY", "2026-11-24T14:00:00Z"),
                row("A1", "BUSY", "2026-11-24T13:00:00Z"),
                row("C1", "READY", "2026-11-24T14:00:00Z"),
                row("A1", "READY", "2026-11-24T14:30:00+01:00"), // 13:30Z: newer than 13:00Z, though it reads older
                row("D1", "READY", "2026-11-24T14:00:00Z"),
                row("C1", "BUSY", "2026-11-24T14:00:00Z"), // a tie with C1's first row: the later row wins
                row("A1", "AWAY", "2026-11-24T13:10:00Z"))), refused::add)); // older than 13:30Z: loses

        assertEquals(List.of("B1:READY@2026-11-24T14:00Z", "A1:READY@2026-11-24T14:30+01:00", "C1:BUSY@2026-11-24T14:00Z",
                "D1:READY@2026-11-24T14:00Z"), taken);
        assertEquals(List.of(0), refused.stream().map(RejectedRecord::index).toList(),
                "only the bad row is refused; replaced rows are not errors");
    }

    @Test
    void an_agent_whose_first_rows_are_bad_is_yielded_at_its_first_valid_row() throws Exception {
        List<String> taken = take(reader().rows(body(feed(
                "{\"agentId\":\"A1\",\"state\":\"READY\"}",
                row("B1", "READY", "2026-11-24T14:00:00Z"),
                row("A1", "BUSY", "2026-11-24T13:00:00Z"),
                row("A1", "READY", "2026-11-24T12:00:00Z"))), refused::add));

        assertEquals(List.of("B1:READY@2026-11-24T14:00Z", "A1:BUSY@2026-11-24T13:00Z"), taken);
        assertEquals(List.of("agent A1: field 'changedAt' is missing"),
                refused.stream().map(RejectedRecord::message).toList());
    }

    @Test
    void the_streamed_rows_are_those_of_the_whole_document() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // every seventh agent twice, every thirteenth row bad
            String agent = "A" + (i % 7 == 0 ? i / 7 : 10_000 + i);
            rows.add(i % 13 == 0 ? "{\"agentId\":\"" + agent + "\"}"
                    : row(agent, i % 2 == 0 ? "READY" : "BUSY", Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i % 50)
                            .toString()));
        }
        String body = feed(rows.toArray(String[]::new));
        List<RejectedRecord> wholeRefused = new ArrayList<>();

        List<String> streamed = take(reader().rows(body(body), refused::add));
        List<String> whole = take(reader().rows(new com.fasterxml.jackson.databind.ObjectMapper().readValue(body,
                LegacyFeed.class), wholeRefused::add));

        assertEquals(whole, streamed);
        assertEquals(wholeRefused.stream().map(RejectedRecord::message).toList(),
                refused.stream().map(RejectedRecord::message).toList());
        assertTrue(streamed.size() > 2000 && streamed.size() < 3000, "some agents repeated: " + streamed.size());
    }

    @Test
    void a_truncated_body_is_refused_before_any_row_is_used_and_leaves_no_spool_file() throws Exception {
        String whole = feed(row("A1", "READY", "2026-11-24T14:00:00Z"), row("A2", "READY", "2026-11-24T14:00:00Z"));

        JsonProcessingException truncated = assertThrows(JsonProcessingException.class,
                () -> reader().rows(body(whole.substring(0, whole.length() - 30)), refused::add));

        assertTrue(truncated.getOriginalMessage().contains("end-of-input"), truncated.getOriginalMessage());
        assertTrue(refused.isEmpty(), "no row is refused from a document that is not used: " + refused);
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void a_document_that_is_not_the_feeds_shape_is_refused_naming_what_it_is() {
        assertRefused("", "legacy feed is empty: the body has no JSON");
        assertRefused("null", "legacy feed is JSON null, not an object with an 'agents' list");
        assertRefused("[{\"agentId\":\"A1\"}]",
                "legacy feed is JSON but not an object with an 'agents' list: Cannot deserialize the feed from an array");
        assertRefused("{\"asOf\":\"x\",\"Agents\":[]}", "legacy feed has no 'agents' list (the field is missing or null)");
        assertRefused("{\"agents\":null}", "legacy feed has no 'agents' list (the field is missing or null)");
        assertRefused("{\"agents\":\"A1,READY\"}",
                "legacy feed is JSON but not an object with an 'agents' list: at 'agents': Cannot deserialize a list from a string");
        assertRefused("{\"agents\":[],\"agents\":[]}", "legacy feed has 'agents' twice: which list is the feed is not clear");
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void the_spool_file_is_gone_once_the_rows_are_taken_and_a_run_left_unfinished_is_cleaned_by_the_next()
            throws Exception {
        FeedReader reader = reader();
        Iterator<AgentState> first = reader.rows(body(feed(row("A1", "READY", "2026-11-24T14:00:00Z"),
                row("A2", "READY", "2026-11-24T14:00:00Z"))), refused::add).iterator();
        assertEquals(1, spoolFiles().size(), "the body is spooled while the run takes its rows");
        first.next();

        // a run that failed half-way: the next read deletes what it left
        Iterator<AgentState> second = reader.rows(body(feed(row("A1", "BUSY", "2026-11-24T14:01:00Z"))), refused::add)
                .iterator();
        assertEquals(1, spoolFiles().size(), "only the new body's file: " + spoolFiles());
        assertEquals("BUSY", second.next().state());
        assertFalse(second.hasNext());
        assertEquals(List.of(), spoolFiles(), "deleted once every row was taken");
    }

    @Test
    void a_spool_directory_that_cannot_be_written_is_named_as_this_hosts_problem_not_the_legacy_systems() {
        Path missing = spoolDir.resolve("gone");
        FeedReader reader = new FeedReader(null, null, Clock.systemUTC(), Duration.ofMinutes(5), missing);

        FeedDocument.SpoolFailure failure = assertThrows(FeedDocument.SpoolFailure.class,
                () -> reader.rows(body(feed(row("A1", "READY", "2026-11-24T14:00:00Z"))), refused::add));

        String sentence = new LegacyCallFailures("http://acd.example.com/api/agents", 0).explain(failure).orElseThrow();
        assertTrue(sentence.startsWith("cannot keep the legacy feed's body in a file under " + missing
                + " (java.io.tmpdir): NoSuchFileException"), sentence);
    }

    @Test
    void hashes_of_agent_ids_tell_every_repeated_id() {
        AgentIdHashes ids = new AgentIdHashes();
        for (int i = 0; i < 200_000; i++) {
            ids.add("A" + i);
        }
        assertFalse(ids.anyRepeated());
        ids.add("A17");
        ids.add("A199999");
        ids.forgetSeen();

        assertTrue(ids.maybeRepeated("A17"));
        assertTrue(ids.maybeRepeated("A199999"));
        assertFalse(ids.maybeRepeated("A18"));
        assertFalse(ids.maybeRepeated("A200000"));
    }

    private void assertRefused(String body, String message) {
        FeedReader.UnusableFeed unusable = assertThrows(FeedReader.UnusableFeed.class,
                () -> reader().rows(body(body), refused::add), body);
        assertEquals(message, unusable.getMessage());
    }

    private String firstRawKept() throws IOException {
        List<RejectedRecord> none = new ArrayList<>();
        AgentState first = reader().rows(body(feed(
                "{\"agentId\":\"A1\",\"state\":\"READY\",\"changedAt\":\"2026-11-24T14:00:00Z\",\"team\":{\"id\":7},\"x\":[1]}")),
                none::add).iterator().next();
        return first.rawJson();
    }

    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> take(Iterable<AgentState> rows) {
        List<String> taken = new ArrayList<>();
        rows.forEach(state -> taken.add(state.agentId() + ":" + state.stateKey() + "@" + state.changedAt()));
        return taken;
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String feed(String... rows) {
        return "{\"asOf\":\"2026-11-24T15:00:00Z\",\"agents\":[" + String.join(",\n", rows) + "]}";
    }

    private static String row(String agentId, String state, String changedAt) {
        return "{\"agentId\":\"" + agentId + "\",\"state\":\"" + state + "\",\"changedAt\":\"" + changedAt + "\"}";
    }
}

package org.wfmagentsync.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.support.OnePass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed as a sync run takes it: each row is checked, and a bad one reported, when the sequence
 * reaches it, in the same order and with the same winners as checking the whole feed at once.
 */
class FeedReaderOnePassTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FeedReader reader = new FeedReader(null, null,
            Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(5));
    private final List<RejectedRecord> refused = new ArrayList<>();

    @Test
    void a_bad_row_is_reported_when_it_is_reached_not_before() throws Exception {
        Iterator<AgentState> rows = reader.rows(feed(
                row("A1", "READY", "2026-11-24T14:00:00Z"),
                "{\"agentId\":\"A2\",\"changedAt\":\"2026-11-24T14:00:00Z\"}",
                row("A3", "READY", "2026-11-24T14:00:00Z")), refused::add).iterator();

        assertEquals("A1", rows.next().agentId());
        assertTrue(refused.isEmpty(), "the bad second row is not reached yet: " + refused);
        assertEquals("A3", rows.next().agentId());
        assertEquals(1, refused.size());
        assertEquals("A2", refused.get(0).agentId());
        assertEquals(1, refused.get(0).index());
        assertEquals("state", refused.get(0).field());
        assertTrue(!rows.hasNext());
    }

    @Test
    void an_agent_in_several_rows_yields_its_newest_valid_row_at_its_first_valid_position() throws Exception {
        LegacyFeed feed = feed(
                "{\"agentId\":\"A1\",\"state\":\"\",\"changedAt\":\"2026-11-24T14:59:00Z\"}", // bad, newest: hides nothing
                row("B1", "READY", "2026-11-24T14:00:00Z"),
                row("A1", "BUSY", "2026-11-24T13:00:00Z"),
                row("C1", "READY", "2026-11-24T14:00:00Z"),
                row("A1", "READY", "2026-11-24T14:30:00+01:00"), // 13:30Z: newer than 13:00Z
                row("D1", "READY", "2026-11-24T14:00:00Z"),
                row("C1", "BUSY", "2026-11-24T14:00:00Z")); // a tie: the later row wins
        Iterator<AgentState> rows = reader.rows(feed, refused::add).iterator();

        assertTrue(rows.hasNext());
        assertEquals(List.of(0), refused.stream().map(RejectedRecord::index).toList(),
                "the first row is reported when the sequence passes it");
        List<String> taken = new ArrayList<>();
        rows.forEachRemaining(state -> taken.add(state.agentId() + ":" + state.state()));
        assertEquals(List.of("B1:READY", "A1:READY", "C1:BUSY", "D1:READY"), taken);
        assertEquals(1, refused.size(), "only the bad row is refused; replaced rows are not errors");

        FeedReader.Validated atOnce = reader.validate(feed);
        assertEquals(taken, atOnce.newest().stream().map(state -> state.agentId() + ":" + state.state()).toList());
    }

    @Test
    void the_rows_are_taken_once() throws Exception {
        OnePass<AgentState> rows = reader.rows(feed(row("A1", "READY", "2026-11-24T14:00:00Z")), refused::add);
        rows.iterator();
        IllegalStateException again = assertThrows(IllegalStateException.class, rows::iterator);
        assertTrue(again.getMessage().contains("taken already"), again.getMessage());
    }

    private static String row(String agentId, String state, String changedAt) {
        return "{\"agentId\":\"" + agentId + "\",\"state\":\"" + state + "\",\"reason\":null,\"changedAt\":\""
                + changedAt + "\"}";
    }

    private static LegacyFeed feed(String... rows) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String row : rows) {
            nodes.add(JSON.readTree(row));
        }
        return new LegacyFeed(null, nodes);
    }
}

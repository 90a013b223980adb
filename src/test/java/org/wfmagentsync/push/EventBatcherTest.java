package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RoutingStatus;
import org.wfmagentsync.model.StatusEvent;

/** The batches a round is cut into: one kind each, never empty, at most the size and the bytes the API takes. */
class EventBatcherTest {

    private final EventJson json = new EventJson(new ObjectMapper());

    @Test
    void presence_and_routing_status_events_go_in_batches_of_their_own_kind_each_full_as_soon_as_it_can_be() {
        List<StatusEvent> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.add(presence(i, null));
            events.add(routing(i));
        }
        List<List<StatusEvent>> batches = new EventBatcher(100, EventJson.MAX_REQUEST_BYTES, json)
                .batches(events, (event, bytes) -> { throw new AssertionError("none is too large"); });

        assertEquals(List.of(100, 100, 100, 100, 50, 50), batches.stream().map(List::size).toList());
        assertEquals(List.of(EventKind.PRESENCE, EventKind.ROUTING_STATUS, EventKind.PRESENCE, EventKind.ROUTING_STATUS,
                EventKind.PRESENCE, EventKind.ROUTING_STATUS), batches.stream().map(batch -> batch.get(0).kind()).toList());
        for (List<StatusEvent> batch : batches) {
            assertTrue(batch.stream().allMatch(event -> event.kind() == batch.get(0).kind()), "one kind to a batch");
        }
        assertEquals(events.size(), batches.stream().mapToInt(List::size).sum(), "every event, once");
    }

    @Test
    void a_round_is_cut_as_it_is_taken_so_the_first_batch_leaves_before_the_rest_is_worked_out() {
        int[] taken = {0};
        Iterator<StatusEvent> source = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return taken[0] < 1000;
            }

            @Override
            public StatusEvent next() {
                return presence(taken[0]++, null);
            }
        };
        Iterator<List<StatusEvent>> batches = new EventBatcher(100, EventJson.MAX_REQUEST_BYTES, json)
                .batches(source, (event, bytes) -> { }).iterator();

        assertEquals(100, batches.next().size());
        assertEquals(100, taken[0], "only the first batch's events were taken");
    }

    @Test
    void no_batch_is_empty_and_nothing_comes_of_no_events() {
        EventBatcher batcher = new EventBatcher(100, EventJson.MAX_REQUEST_BYTES, json);
        assertEquals(List.of(), batcher.batches(List.of(), (event, bytes) -> { }));
        assertEquals(List.of(List.of(routing(1))), batcher.batches(List.of(routing(1)), (event, bytes) -> { }));
        assertThrows(IllegalArgumentException.class, () -> new EventBatcher(101, EventJson.MAX_REQUEST_BYTES, json));
        assertThrows(IllegalArgumentException.class, () -> new EventBatcher(0, EventJson.MAX_REQUEST_BYTES, json));
    }

    @Test
    void a_batch_ends_before_its_request_would_pass_the_byte_limit_as_the_request_is_serialized() {
        // presence events of about 10 kB each (a long status message): 100 of them would be 1 MB
        List<StatusEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(presence(i, "é".repeat(5_000))); // two bytes each in UTF-8
        }
        List<List<StatusEvent>> batches = new EventBatcher(100, EventJson.MAX_REQUEST_BYTES, json)
                .batches(events, (event, bytes) -> { throw new AssertionError("none is too large alone"); });

        assertTrue(batches.size() > 1, "cut by size: " + batches.size());
        for (List<StatusEvent> batch : batches) {
            int bytes = json.request(EventKind.PRESENCE, batch).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= EventJson.MAX_REQUEST_BYTES, bytes + " bytes");
            assertEquals(EventJson.requestBytes(EventKind.PRESENCE, batch.size(),
                    batch.stream().mapToLong(json::eventBytes).sum()), bytes, "the size is the body's, exactly");
        }
        List<StatusEvent> first = batches.get(0);
        List<StatusEvent> oneMore = new ArrayList<>(first);
        oneMore.add(batches.get(1).get(0));
        assertTrue(json.request(EventKind.PRESENCE, oneMore).getBytes(StandardCharsets.UTF_8).length
                > EventJson.MAX_REQUEST_BYTES, "each batch is as full as the limit allows");
        assertEquals(100, batches.stream().mapToInt(List::size).sum());
    }

    @Test
    void an_event_too_large_for_any_request_is_handed_back_and_the_others_are_batched() {
        List<StatusEvent> tooLarge = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        StatusEvent huge = presence(1, "x".repeat(EventJson.MAX_REQUEST_BYTES));
        List<List<StatusEvent>> batches = new EventBatcher(100, EventJson.MAX_REQUEST_BYTES, json)
                .batches(List.of(presence(0, null), huge, routing(2)), (event, bytes) -> {
                    tooLarge.add(event);
                    sizes.add(bytes);
                });

        assertEquals(List.of(huge), tooLarge);
        assertTrue(sizes.get(0) > EventJson.MAX_REQUEST_BYTES);
        assertEquals(List.of(List.of(presence(0, null)), List.of(routing(2))), batches);
        assertFalse(batches.stream().flatMap(List::stream).anyMatch(huge::equals));
    }

    @Test
    void a_request_carries_one_kind_and_at_least_one_event() {
        assertThrows(IllegalArgumentException.class, () -> json.request(EventKind.PRESENCE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> json.request(EventKind.PRESENCE,
                List.of(presence(1, null), routing(2))));
        assertThrows(IllegalArgumentException.class, () -> new EventBatch("run", List.of(presence(1, null), routing(2)),
                1, Map.of()));
    }

    private static StatusEvent presence(int agent, String message) {
        return StatusEvent.presence("p-" + agent, "2026-11-24T09:00:00Z", "user-" + agent, "source",
                "5156e690-3673-3fee-bbab-4e42d9bb697d", message, "A" + agent, "READY");
    }

    private static StatusEvent routing(int agent) {
        return StatusEvent.routingStatus("r-" + agent, "2026-11-24T09:00:00Z", "user-" + agent, "source",
                RoutingStatus.IDLE, "A" + agent, "READY");
    }
}

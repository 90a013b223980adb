package org.wfmagentsync.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ids existing installations keyed their baselines and dead letters by never change. */
class EventIdsTest {

    private static final AgentState AGENT = new AgentState("A1", "NOT_READY", "BREAK",
            OffsetDateTime.of(2026, 11, 24, 10, 0, 0, 250_000_000, ZoneOffset.ofHours(1)), null);

    @Test
    void a_change_keeps_the_ids_of_every_earlier_release() {
        // UUID.nameUUIDFromBytes of the formula's text, as every release so far has computed it
        assertEquals("a2a8a3e0-f701-3ff9-be44-1c20c1293e0c", EventIds.of(AGENT));
        assertEquals("2d0d232d-4b17-39a7-82ae-3633d9c13008", EventIds.of(AGENT, EventKind.ROUTING_STATUS));
    }

    @Test
    void an_event_names_the_ids_of_its_change_of_either_kind() {
        StatusEvent presence = StatusEvent.presence(EventIds.of(AGENT), AGENT.changedAt().toString(), "u1", "s",
                "p-break", null, "A1", AGENT.stateKey());

        assertEquals(EventIds.of(AGENT), EventIds.sameChange(presence, EventKind.PRESENCE));
        assertEquals(EventIds.of(AGENT, EventKind.ROUTING_STATUS), EventIds.sameChange(presence, EventKind.ROUTING_STATUS));
    }

    @Test
    void threads_computing_ids_at_once_get_the_same_ids() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 10_000).parallel().forEach(i -> ids.add(EventIds.of(AGENT)));
        assertEquals(Set.of("a2a8a3e0-f701-3ff9-be44-1c20c1293e0c"), ids);
    }
}

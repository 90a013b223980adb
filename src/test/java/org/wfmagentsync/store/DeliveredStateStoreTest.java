package org.wfmagentsync.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.StatusEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On embedded H2 and on a real PostgreSQL, each test with a database of its own. */
class DeliveredStateStoreTest {

    static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC);

    private Database database;
    private DeadLetterStore deadLetters;

    @BeforeEach
    void open(StateDatabase stateDatabase) {
        database = stateDatabase.open();
        deadLetters = new DeadLetterStore(database.dataSource(), Clock.fixed(T.toInstant(), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnH2AndPostgres
    void a_newer_change_replaces_the_delivered_state() {
        DeliveredStateStore store = storeAt(T);
        store.recordDelivery(List.of(event("e1", "A1", T.minusMinutes(10), "AVAILABLE", "p-available")), deadLetters);
        store.recordDelivery(List.of(event("e2", "A1", T.minusMinutes(5), "BREAK", "p-break")), deadLetters);

        assertEquals(Optional.of(T.minusMinutes(5)), store.deliveredChangeOf("A1", EventKind.PRESENCE));
        assertEquals(DeliveredStateStore.fingerprint(event("e2", "A1", T.minusMinutes(5), "BREAK", "p-break")),
                store.deliveredStates(EventKind.PRESENCE).get("A1"));
    }

    @OnH2AndPostgres
    void an_older_change_never_overwrites_a_newer_one() {
        DeliveredStateStore store = storeAt(T);
        StatusEvent newer = event("e2", "A1", T.minusMinutes(5), "BREAK", "p-break");
        store.recordDelivery(List.of(newer), deadLetters);
        store.recordDelivery(List.of(event("e1", "A1", T.minusMinutes(10), "AVAILABLE", "p-available")), deadLetters);

        assertEquals(Optional.of(T.minusMinutes(5)), store.deliveredChangeOf("A1", EventKind.PRESENCE));
        assertEquals(DeliveredStateStore.fingerprint(newer), store.deliveredStates(EventKind.PRESENCE).get("A1"));
    }

    @OnH2AndPostgres
    void a_long_delivery_is_recorded_whole_and_keeps_the_newer_states_already_recorded() {
        DeliveredStateStore store = storeAt(T);
        StatusEvent newerKept = event("n7", "A7", T.minusMinutes(1), "BREAK", "p-break");
        store.recordDelivery(List.of(newerKept, event("o8", "A8", T.minusMinutes(30), "BREAK", "p-break")), deadLetters);
        // more events than one statement takes: A7's is older than the one recorded, A8's newer
        List<StatusEvent> delivered = new ArrayList<>();
        for (int i = 0; i < DeliveredStateStore.ROWS_PER_STATEMENT * 2 + 50; i++) {
            delivered.add(event("e" + i, "A" + i, T.minusMinutes(5), "AVAILABLE", "p-available"));
        }

        store.recordDelivery(delivered, deadLetters);

        Map<String, String> states = store.deliveredStates(EventKind.PRESENCE);
        assertEquals(delivered.size(), states.size(), "every agent has its row");
        for (StatusEvent event : delivered) {
            StatusEvent expected = event.agentId().equals("A7") ? newerKept : event;
            assertEquals(DeliveredStateStore.fingerprint(expected), states.get(event.agentId()), event.agentId());
        }
        assertEquals(Optional.of(T.minusMinutes(5)), store.deliveredChangeOf("A8", EventKind.PRESENCE));
        assertEquals(Optional.of(T.minusMinutes(1)), store.deliveredChangeOf("A7", EventKind.PRESENCE));
    }

    @OnH2AndPostgres
    void an_agent_twice_in_one_delivery_ends_with_its_newest_state_in_either_order() {
        DeliveredStateStore store = storeAt(T);
        StatusEvent older = event("e1", "A1", T.minusMinutes(10), "AVAILABLE", "p-available");
        StatusEvent newer = event("e2", "A1", T.minusMinutes(5), "BREAK", "p-break");
        StatusEvent otherOlder = event("e3", "A2", T.minusMinutes(10), "AVAILABLE", "p-available");
        StatusEvent otherNewer = event("e4", "A2", T.minusMinutes(5), "BREAK", "p-break");

        store.recordDelivery(List.of(older, newer, otherNewer, otherOlder), deadLetters);

        assertEquals(DeliveredStateStore.fingerprint(newer), store.deliveredStates(EventKind.PRESENCE).get("A1"));
        assertEquals(DeliveredStateStore.fingerprint(otherNewer), store.deliveredStates(EventKind.PRESENCE).get("A2"));
        assertEquals(Optional.of(T.minusMinutes(5)), store.deliveredChangeOf("A2", EventKind.PRESENCE));
    }

    @OnH2AndPostgres
    void a_delivery_closes_the_agents_dead_letters_and_leaves_other_agents_open() {
        long same = deadLetter("e2", "A1", T.minusMinutes(5));
        long older = deadLetter("e1", "A1", T.minusMinutes(10));
        long otherAgent = deadLetter("e9", "A9", T.minusMinutes(10));

        storeAt(T).recordDelivery(List.of(event("e2", "A1", T.minusMinutes(5), "BREAK", "p-break")), deadLetters);

        assertEquals(DeadLetterStatus.DELIVERED, deadLetters.find(same).orElseThrow().status());
        DeadLetter superseded = deadLetters.find(older).orElseThrow();
        assertEquals(DeadLetterStatus.SUPERSEDED, superseded.status());
        assertEquals("newer state delivered: event e2 of " + T.minusMinutes(5), superseded.closeNote());
        assertEquals(DeadLetterStatus.OPEN, deadLetters.find(otherAgent).orElseThrow().status());
    }

    @OnH2AndPostgres
    void a_replayed_entry_delivered_is_closed_as_replayed() {
        long entry = deadLetter("e2", "A1", T.minusMinutes(5));
        deadLetters.claim(entry);

        storeAt(T).recordDelivery(List.of(event("e2", "A1", T.minusMinutes(5), "BREAK", "p-break")), deadLetters);

        assertEquals(DeadLetterStatus.REPLAYED, deadLetters.find(entry).orElseThrow().status());
    }

    @OnH2AndPostgres
    void a_delivery_and_the_closing_of_its_dead_letters_commit_together_or_not_at_all() {
        long entry = deadLetter("e2", "A1", T.minusMinutes(5));
        DeadLetterStore failing = new DeadLetterStore(database.dataSource(), Clock.systemUTC()) {
            @Override
            public void resolveDelivered(Connection connection, List<StatusEvent> delivered) throws SQLException {
                super.resolveDelivered(connection, delivered);
                throw new SQLException("disk full");
            }
        };
        DeliveredStateStore store = storeAt(T);

        assertThrows(IllegalStateException.class, () -> store.recordDelivery(
                List.of(event("e2", "A1", T.minusMinutes(5), "BREAK", "p-break")), failing));

        assertEquals(Optional.empty(), store.deliveredChangeOf("A1", EventKind.PRESENCE), "the delivery is not recorded");
        assertEquals(DeadLetterStatus.OPEN, deadLetters.find(entry).orElseThrow().status(), "nor is its entry closed");
    }

    @OnH2AndPostgres
    void responses_recorded_at_the_same_time_are_each_committed_with_their_dead_letters_when_the_call_returns()
            throws Exception {
        int responses = 12;
        long[] entries = new long[responses];
        for (int i = 0; i < responses; i++) {
            entries[i] = deadLetter("e" + i, "A" + i, T.minusMinutes(5));
        }
        DeliveredStateStore store = storeAt(T);
        ExecutorService threads = Executors.newFixedThreadPool(responses);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> seenOnReturn = new ArrayList<>();
            for (int i = 0; i < responses; i++) {
                String agent = "A" + i;
                StatusEvent delivered = event("e" + i, agent, T.minusMinutes(5), "BREAK", "p-break");
                long entry = entries[i];
                seenOnReturn.add(threads.submit(() -> {
                    start.await();
                    store.recordDelivery(List.of(delivered, event("f" + agent, "B" + agent, T, "AWAY", "p-away")),
                            deadLetters);
                    // read on another connection the moment the call returns: committed, not merely queued
                    return store.deliveredChangeOf(agent, EventKind.PRESENCE).isPresent()
                            && deadLetters.find(entry).orElseThrow().status() == DeadLetterStatus.DELIVERED;
                }));
            }
            start.countDown();
            for (Future<Boolean> seen : seenOnReturn) {
                assertTrue(seen.get(30, TimeUnit.SECONDS), "a response's delivery and its closed entry are committed");
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2L * responses, store.deliveredSince(T).count());
    }

    @OnH2AndPostgres
    void the_deliveries_recorded_since_a_time_are_counted_with_the_latest() {
        storeAt(T.minusHours(1)).recordDelivery(List.of(event("e0", "A0", T.minusHours(2), "AVAILABLE", "p")), deadLetters);
        storeAt(T.plusSeconds(1)).recordDelivery(List.of(event("e1", "A1", T, "AVAILABLE", "p"),
                event("e2", "A2", T, "AVAILABLE", "p")), deadLetters);
        storeAt(T.plusSeconds(2)).recordDelivery(List.of(event("e3", "A3", T, "AVAILABLE", "p")), deadLetters);

        Recorded since = storeAt(T).deliveredSince(T);
        assertEquals(3, since.count());
        assertEquals(T.plusSeconds(2).toInstant(), since.latest().toInstant());
        assertEquals(new Recorded(0, null), storeAt(T).deliveredSince(T.plusMinutes(1)));
    }

    @OnH2AndPostgres
    void a_run_looks_up_the_baseline_and_the_failed_updates_of_the_agents_it_asks_for_only() {
        DeliveredStateStore store = storeAt(T);
        StatusEvent a1 = event("e1", "A1", T.minusMinutes(10), "AVAILABLE", "p-available");
        store.recordDelivery(List.of(a1, event("e2", "A2", T.minusMinutes(10), "BREAK", "p-break")), deadLetters);

        Map<EventKind, Map<String, String>> found = store.deliveredStates(List.of("A1", "A3"));
        assertEquals(Map.of("A1", DeliveredStateStore.fingerprint(a1)), found.get(EventKind.PRESENCE));
        assertEquals(Map.of(), found.get(EventKind.ROUTING_STATUS));
        assertFalse(deadLetters.anyOpenFromPush(), "nothing failed yet");

        deadLetter("e9", "A9", T.minusMinutes(3));
        deadLetter("e8", "A9", T.minusMinutes(4));
        assertTrue(deadLetters.anyOpenFromPush());
        Map<String, OffsetDateTime> failed = deadLetters.latestOpenFromPush(List.of("A9", "A1")).get(EventKind.PRESENCE);
        assertEquals(Set.of("A9"), failed.keySet());
        assertTrue(failed.get("A9").isEqual(T.minusMinutes(3)), "the latest: " + failed);
        assertEquals(Set.of("e9"), deadLetters.openEventIds(List.of(DeadLetterReason.REJECTED), List.of("e9", "e1")));
        assertEquals(Set.of(), deadLetters.openEventIds(List.of(DeadLetterReason.REJECTED), List.of("e1")));
    }

    private DeliveredStateStore storeAt(OffsetDateTime now) {
        return new DeliveredStateStore(database.dataSource(), Clock.fixed(now.toInstant(), ZoneOffset.UTC));
    }

    private long deadLetter(String eventId, String agentId, OffsetDateTime eventTime) {
        return deadLetters.save(DeadLetter.open(eventId, agentId, "user-" + agentId, DeadLetterReason.REJECTED,
                "HTTP 400", 400, "{}", "{}", "BREAK", eventTime, 1, T, T, "run-1"),
                List.of(new Attempt(1, T, 400, "HTTP 400", "run-1"))).id();
    }

    static StatusEvent event(String eventId, String agentId, OffsetDateTime changedAt, String state, String presence) {
        return StatusEvent.presence(eventId, changedAt.toString(), "user-" + agentId, "source", presence, null, agentId,
                state);
    }
}

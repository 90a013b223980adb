package org.wfmagentsync.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On embedded H2 and on a real PostgreSQL, each test with a database of its own. */
class DeadLetterStoreTest {

    static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC);

    private Database database;
    private DeadLetterStore store;

    @BeforeEach
    void open(StateDatabase stateDatabase) {
        database = stateDatabase.open();
        store = new DeadLetterStore(database.dataSource(), Clock.fixed(T.plusHours(1).toInstant(), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnH2AndPostgres
    void failing_again_updates_the_open_entry_instead_of_adding_a_twin() {
        long first = store.save(entry("e1", "A1", DeadLetterReason.RETRIES_EXHAUSTED, 503, 3, T, "run-1"),
                List.of()).id();
        long again = store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T.plusMinutes(5), "run-2"),
                List.of()).id();

        assertEquals(first, again);
        DeadLetter kept = store.find(first).orElseThrow();
        assertEquals(DeadLetterReason.REJECTED, kept.reason(), "the latest failure says why");
        assertEquals(400, kept.httpStatus());
        assertEquals(4, kept.attempts(), "attempts add up");
        assertEquals(T, kept.firstAttemptAt().withOffsetSameInstant(ZoneOffset.UTC));
        assertEquals(T.plusMinutes(5), kept.lastAttemptAt().withOffsetSameInstant(ZoneOffset.UTC));
        assertEquals("run-2", kept.runId());
        assertEquals(1, store.listAll(10).size());
    }

    @OnH2AndPostgres
    void a_closed_entry_stays_closed_and_a_new_failure_of_its_event_opens_a_new_one() {
        long first = store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T, "run-1"), List.of()).id();
        assertTrue(store.close(first, DeadLetterStatus.DISCARDED, "operator: known bad row"));
        assertFalse(store.close(first, DeadLetterStatus.DISCARDED, "twice"), "only an entry not closed can be closed");

        long second = store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T, "run-2"), List.of()).id();

        assertNotEquals(first, second);
        DeadLetter closed = store.find(first).orElseThrow();
        assertEquals(DeadLetterStatus.DISCARDED, closed.status());
        assertEquals("operator: known bad row", closed.closeNote());
        assertEquals(T.plusHours(1), closed.closedAt().withOffsetSameInstant(ZoneOffset.UTC));
    }

    @OnH2AndPostgres
    void an_entry_is_claimed_by_one_replay_only_and_a_claim_a_dead_process_left_is_given_back() {
        long id = store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T, "run-1"), List.of()).id();

        assertTrue(store.claim(id));
        assertFalse(store.claim(id), "a second replay does not get it");
        assertEquals(1, store.releaseAbandonedClaims());
        assertEquals(DeadLetterStatus.OPEN, store.find(id).orElseThrow().status());
        assertEquals(0, store.releaseAbandonedClaims());
    }

    @OnH2AndPostgres
    void pages_are_newest_first_with_the_total_of_every_match() {
        for (int i = 1; i <= 5; i++) {
            store.save(entry("e" + i, "A" + i, i % 2 == 0 ? DeadLetterReason.UNMAPPED : DeadLetterReason.REJECTED, 400, 1,
                    T.plusMinutes(i), "run-1"), List.of());
        }
        DeadLetterPage page = store.page(DeadLetterQuery.openEntries().withPage(2, 1));
        assertEquals(5, page.total());
        assertEquals(List.of("e4", "e3"), page.items().stream().map(DeadLetter::eventId).toList());

        DeadLetterQuery unmapped = DeadLetterQuery.from(Map.of("reason", "unmapped")::get);
        assertEquals(List.of("e4", "e2"), store.page(unmapped).items().stream().map(DeadLetter::eventId).toList());
        assertEquals(2, store.ids(unmapped).size());
        DeadLetterQuery since = DeadLetterQuery.from(Map.of("since", T.plusMinutes(4).toString())::get);
        assertEquals(List.of("e5", "e4"), store.page(since).items().stream().map(DeadLetter::eventId).toList());
    }

    @OnH2AndPostgres
    void open_entries_are_counted_by_reason_with_every_reason_present() {
        store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T, "run-1"), List.of());
        store.save(entry("e2", "A2", DeadLetterReason.REJECTED, 400, 1, T, "run-1"), List.of());
        long closed = store.save(entry("e3", "A3", DeadLetterReason.UNMAPPED, null, 1, T, "run-1"), List.of()).id();
        store.close(closed, DeadLetterStatus.DISCARDED, "no mapping wanted");

        Map<DeadLetterReason, Long> counts = store.openCountByReason();
        assertEquals(2L, counts.get(DeadLetterReason.REJECTED));
        assertEquals(0L, counts.get(DeadLetterReason.UNMAPPED));
        assertEquals(DeadLetterReason.values().length, counts.size());
        assertEquals(List.of("e1", "e2"), store.openEventIds(List.of(DeadLetterReason.REJECTED)).stream().sorted().toList());
    }

    @OnH2AndPostgres
    void the_dead_letters_of_a_run_are_counted_with_their_latest_attempt() {
        store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T.plusSeconds(1), "run-1"), List.of());
        store.save(entry("e2", "A2", DeadLetterReason.REJECTED, 400, 1, T.plusSeconds(3), "run-1"), List.of());
        store.save(entry("e3", "A3", DeadLetterReason.REJECTED, 400, 1, T.plusSeconds(9), "run-2"), List.of());

        Recorded ofRun = store.deadLetteredBy("run-1", T);
        assertEquals(2, ofRun.count());
        assertEquals(T.plusSeconds(3).toInstant(), ofRun.latest().toInstant());
        assertEquals(new Recorded(0, null), store.deadLetteredBy("run-3", T));
    }

    @OnH2AndPostgres
    void save_tells_whether_the_entry_is_new_to_the_run_that_saved_it() {
        Saved opened = store.save(entry("e1", "A1", DeadLetterReason.UNMAPPED, null, 0, T, "run-1"), List.of());
        Saved stillOpen = store.save(entry("e1", "A1", DeadLetterReason.UNMAPPED, null, 0, T.plusMinutes(5), "run-2"),
                List.of());
        store.claim(opened.id()); // a replay takes it, sends it, and it fails again
        Saved failedAgain = store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T.plusMinutes(9), "run-3"),
                List.of());

        assertEquals(new Saved(opened.id(), true), opened, "a new entry");
        assertEquals(new Saved(opened.id(), false), stillOpen, "an open entry updated, as before: the same one");
        assertEquals(new Saved(opened.id(), true), failedAgain, "a replay's entry that failed again");
        assertEquals(DeadLetterStatus.OPEN, store.find(opened.id()).orElseThrow().status());
        assertEquals(1, store.listAll(10).size());
    }

    @OnH2AndPostgres
    void a_run_counts_the_entries_it_opened_or_sent_again_not_those_it_only_found_still_open() {
        OffsetDateTime secondRun = T.plusMinutes(5);
        store.save(entry("e1", "A1", DeadLetterReason.UNMAPPED, null, 0, T, "run-1"), List.of());
        store.save(entry("e2", "A2", DeadLetterReason.CONFLICT_EXHAUSTED, 409, 2, T, "run-1"), List.of());
        store.save(entry("e1", "A1", DeadLetterReason.UNMAPPED, null, 0, secondRun.plusSeconds(1), "run-2"), List.of());
        store.save(entry("e2", "A2", DeadLetterReason.CONFLICT_EXHAUSTED, 409, 1, secondRun.plusSeconds(2), "run-2"),
                List.of(new Attempt(3, secondRun.plusSeconds(2), 409, "sent again", "run-2")));
        store.save(entry("e3", "A3", DeadLetterReason.UNMAPPED, null, 0, secondRun.plusSeconds(3), "run-2"), List.of());

        Recorded ofSecond = store.deadLetteredBy("run-2", secondRun);

        assertEquals(2, ofSecond.count(), "e3 it opened and e2 it sent again, not e1 it found still open");
        assertEquals(secondRun.plusSeconds(3).toInstant(), ofSecond.latest().toInstant());
        assertEquals(3, store.openCount());
    }

    static DeadLetter entry(String eventId, String agentId, DeadLetterReason reason, Integer status, int attempts,
            OffsetDateTime at, String runId) {
        return DeadLetter.open(eventId, agentId, "user-" + agentId, reason, reason + " for " + agentId, status, "{}",
                "{\"eventId\":\"" + eventId + "\"}", "AVAILABLE", at.minusMinutes(1), attempts, at, at, runId);
    }
}

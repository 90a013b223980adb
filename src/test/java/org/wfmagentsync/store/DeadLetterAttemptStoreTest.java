package org.wfmagentsync.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetterReason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.wfmagentsync.store.DeadLetterStoreTest.entry;

/** On embedded H2 and on a real PostgreSQL, each test with a database of its own. */
class DeadLetterAttemptStoreTest {

    static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC);

    private Database database;
    private DeadLetterStore store;

    @BeforeEach
    void open(StateDatabase stateDatabase) {
        database = stateDatabase.open();
        store = new DeadLetterStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnH2AndPostgres
    void an_entrys_attempts_come_back_in_order_numbered_on_across_the_runs_that_failed_it() {
        long id = store.save(entry("e1", "A1", DeadLetterReason.RETRIES_EXHAUSTED, 503, 2, T, "run-1"), List.of(
                new Attempt(1, T, 503, "HTTP 503 Service Unavailable", "run-1"),
                new Attempt(2, T.plusSeconds(2), 503, "HTTP 503 again", "run-1"))).id();
        store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T.plusMinutes(5), "run-2"),
                List.of(new Attempt(1, T.plusMinutes(5), 400, "HTTP 400 bad presence", "run-2")));

        List<Attempt> attempts = store.attempts(id);
        assertEquals(List.of(1, 2, 3), attempts.stream().map(Attempt::number).toList());
        assertEquals(List.of("HTTP 503 Service Unavailable", "HTTP 503 again", "HTTP 400 bad presence"),
                attempts.stream().map(Attempt::outcome).toList());
        assertEquals(List.of(503, 503, 400), attempts.stream().map(Attempt::httpStatus).toList());
        assertEquals(List.of("run-1", "run-1", "run-2"), attempts.stream().map(Attempt::runId).toList());
        assertEquals(T.plusSeconds(2).toInstant(), attempts.get(1).at().toInstant());
    }

    @OnH2AndPostgres
    void an_attempt_that_got_no_http_answer_comes_back_without_a_status() {
        long id = store.save(entry("e1", "A1", DeadLetterReason.RETRIES_EXHAUSTED, null, 2, T, "run-1"), List.of(
                new Attempt(1, T, null, "connection reset", "run-1"),
                new Attempt(2, T.plusSeconds(1), 503, "HTTP 503", "run-1"))).id();

        assertEquals(Arrays.asList(null, 503), store.attempts(id).stream().map(Attempt::httpStatus).toList());
    }

    @OnH2AndPostgres
    void attempts_belong_to_their_own_entry() {
        long first = store.save(entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T, "run-1"),
                List.of(new Attempt(1, T, 400, "first", "run-1"))).id();
        long second = store.save(entry("e2", "A2", DeadLetterReason.REJECTED, 400, 1, T, "run-1"),
                List.of(new Attempt(1, T, 400, "second", "run-1"))).id();

        assertEquals(List.of("first"), store.attempts(first).stream().map(Attempt::outcome).toList());
        assertEquals(List.of("second"), store.attempts(second).stream().map(Attempt::outcome).toList());
        assertEquals(List.of(), store.attempts(second + 100));
    }

    @OnH2AndPostgres
    void an_entry_and_its_attempts_are_saved_together_or_not_at_all() {
        // A run id longer than dead_letter_attempt.run_id (64) cannot be stored.
        Attempt unstorable = new Attempt(1, T, 400, "HTTP 400", "r".repeat(65));

        assertThrows(IllegalStateException.class, () -> store.save(
                entry("e1", "A1", DeadLetterReason.REJECTED, 400, 1, T, "run-1"), List.of(unstorable)));

        assertEquals(List.of(), store.listAll(10), "no entry without its attempts");
    }
}

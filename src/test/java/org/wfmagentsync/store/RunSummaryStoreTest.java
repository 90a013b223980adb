package org.wfmagentsync.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.model.RunSummary.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** On embedded H2 and on a real PostgreSQL, each test with a database of its own. */
class RunSummaryStoreTest {

    static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Database database;

    @BeforeEach
    void open(StateDatabase stateDatabase) {
        database = stateDatabase.open();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnH2AndPostgres
    void a_run_kept_as_running_from_its_start_is_replaced_by_its_summary_not_kept_twice() {
        RunSummaryStore store = new RunSummaryStore(database.dataSource(), JSON, 10);
        store.inProgress(run("r1", T, Outcome.RUNNING, 0));
        store.inProgress(run("r1", T, Outcome.RUNNING, 40));
        assertEquals(List.of(run("r1", T, Outcome.RUNNING, 40)), store.unfinished());

        RunSummary done = run("r1", T, Outcome.SUCCEEDED, 100);
        store.save(done);

        assertEquals(List.of(done), store.latest(10));
        assertEquals(List.of(), store.unfinished());
    }

    @OnH2AndPostgres
    void saving_a_summary_keeps_the_newest_runs_and_drops_the_oldest() {
        RunSummaryStore store = new RunSummaryStore(database.dataSource(), JSON, 3);
        for (int i = 1; i <= 5; i++) {
            store.save(run("r" + i, T.plusMinutes(i), Outcome.SUCCEEDED, i));
        }

        assertEquals(List.of("r5", "r4", "r3"), store.latest(10).stream().map(RunSummary::runId).toList());
        assertEquals(List.of("r5", "r4"), store.latest(2).stream().map(RunSummary::runId).toList());
    }

    @OnH2AndPostgres
    void a_run_in_progress_does_not_drop_older_runs_its_summary_does() {
        RunSummaryStore store = new RunSummaryStore(database.dataSource(), JSON, 2);
        store.save(run("r1", T.plusMinutes(1), Outcome.SUCCEEDED, 1));
        store.save(run("r2", T.plusMinutes(2), Outcome.PARTIAL, 2));
        store.inProgress(run("r3", T.plusMinutes(3), Outcome.RUNNING, 0));
        assertEquals(List.of("r3", "r2", "r1"), store.latest(10).stream().map(RunSummary::runId).toList());

        store.save(run("r3", T.plusMinutes(3), Outcome.FAILED, 0));
        assertEquals(List.of("r3", "r2"), store.latest(10).stream().map(RunSummary::runId).toList());
    }

    @OnH2AndPostgres
    void the_runs_left_running_are_listed_oldest_first() {
        RunSummaryStore store = new RunSummaryStore(database.dataSource(), JSON, 10);
        store.inProgress(run("late", T.plusMinutes(2), Outcome.RUNNING, 0));
        store.inProgress(run("early", T.plusMinutes(1), Outcome.RUNNING, 0));
        store.save(run("done", T, Outcome.SUCCEEDED, 5));

        assertEquals(List.of("early", "late"), store.unfinished().stream().map(RunSummary::runId).toList());
    }

    static RunSummary run(String runId, OffsetDateTime startedAt, Outcome outcome, long delivered) {
        return new RunSummary(runId, "sync", startedAt, startedAt.plusSeconds(30), outcome, null, delivered, delivered,
                delivered, 1, 0, 0, 0, delivered, 0, 0L, 30_000, 10, 10, 10, 10, 0, 100, 0);
    }
}

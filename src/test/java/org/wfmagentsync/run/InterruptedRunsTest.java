package org.wfmagentsync.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.model.RunSummary.Outcome;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.store.Database;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;
import org.wfmagentsync.store.RunSummaryStore;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InterruptedRunsTest {

    static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Database database;
    private RunSummaryStore runs;
    private DeadLetterStore deadLetters;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:file:" + dir.resolve("state"), "sa", "");
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        runs = new RunSummaryStore(database.dataSource(), json, 10);
        deadLetters = new DeadLetterStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_run_a_dead_process_left_running_becomes_interrupted_with_what_it_had_recorded() {
        deliverAt(T.minusHours(1), "A0");                 // an earlier run's delivery
        runs.inProgress(running("r1", T, 500, 120));
        deliverAt(T.plusSeconds(1), "A1", "A2");
        deliverAt(T.plusSeconds(2), "A3");
        deadLetter("e1", T.plusSeconds(4), "r1");
        deadLetter("e2", T.plusSeconds(3), "r1");
        deadLetter("e0", T.plusHours(5), "r0");           // another run's entry

        List<RunSummary> closed = interruptedRuns().recover();

        assertEquals(1, closed.size());
        RunSummary run = closed.get(0);
        assertEquals(Outcome.INTERRUPTED, run.outcome());
        assertEquals(InterruptedRuns.WHY, run.error());
        assertEquals(3, run.delivered(), "the deliveries recorded since it started");
        assertEquals(2, run.deadLettered(), "its own dead letters");
        assertEquals(3L, run.stillOpen(), "the dead letters open now, whichever run wrote them");
        assertEquals(500, run.fetched(), "what it had fetched is kept");
        assertEquals(120, run.changed());
        assertEquals(T.plusSeconds(4).toInstant(), run.finishedAt().toInstant(), "its last progress");
        assertEquals(4_000, run.durationMs());
        assertEquals(List.of(run), runs.latest(10));
        assertEquals(List.of(), runs.unfinished());
    }

    @Test
    void a_run_that_recorded_nothing_ends_where_it_started() {
        runs.inProgress(running("r1", T, 0, 0));

        RunSummary run = interruptedRuns().recover().get(0);

        assertEquals(0, run.delivered());
        assertEquals(0, run.deadLettered());
        assertEquals(T.toInstant(), run.finishedAt().toInstant());
    }

    @Test
    void dead_letters_a_killed_replay_had_claimed_are_open_again_and_finished_runs_are_left_alone() {
        long claimed = deadLetter("e1", T, "r0");
        deadLetters.claim(claimed);
        RunSummary finished = new RunSummary("r0", "sync", T, T.plusSeconds(5), Outcome.PARTIAL, null, 10, 1, 1, 1, 0, 0, 0, 0, 1,
                1L, 5_000, 10, 10, 10, 10, 0, 100, 0);
        runs.save(finished);

        assertEquals(List.of(), interruptedRuns().recover());

        assertEquals(DeadLetterStatus.OPEN, deadLetters.find(claimed).orElseThrow().status());
        assertEquals(List.of(finished), runs.latest(10));
    }

    private InterruptedRuns interruptedRuns() {
        return new InterruptedRuns(runs, new DeliveredStateStore(database.dataSource(), Clock.systemUTC()), deadLetters);
    }

    private void deliverAt(OffsetDateTime at, String... agents) {
        DeliveredStateStore store = new DeliveredStateStore(database.dataSource(), Clock.fixed(at.toInstant(), ZoneOffset.UTC));
        store.recordDelivery(Arrays.stream(agents).map(agent -> StatusEvent.presence("ev-" + agent,
                at.minusMinutes(1).toString(), "user-" + agent, "source", "p-available", null, agent, "AVAILABLE"))
                .toList(), deadLetters);
    }

    private long deadLetter(String eventId, OffsetDateTime lastAttempt, String runId) {
        return deadLetters.save(DeadLetter.open(eventId, "agent-" + eventId, "user", DeadLetterReason.REJECTED, "HTTP 400",
                400, "{}", "{}", "AVAILABLE", lastAttempt.minusMinutes(1), 1, lastAttempt, lastAttempt, runId),
                List.of()).id();
    }

    private static RunSummary running(String runId, OffsetDateTime startedAt, long fetched, long changed) {
        return new RunSummary(runId, "sync", startedAt, startedAt, Outcome.RUNNING, null, fetched, changed, 0, 0, 0, 0,
                0, 0, 0, null, 0, 10, 10, 10, 10, 0, 100, 0);
    }
}

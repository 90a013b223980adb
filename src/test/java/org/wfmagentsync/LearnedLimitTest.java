package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.WindowMode;
import org.wfmagentsync.store.Jdbc;
import org.wfmagentsync.store.LearnedLimitStore;
import org.wfmagentsync.store.LearnedLimitStore.LearnedLimit;

/**
 * Issue 14, item 4, against the sandbox at a session limit of 3: a run starts from what the last run
 * learned about the tenant (kept in the state database), not from wfm.push.initial-concurrent.
 */
class LearnedLimitTest {

    /**
     * 3,000 agents in batches of 25: 120 requests. The probe wait is short on purpose, so that a run
     * that probed above what it learned would collide within the run.
     */
    private static final Map<String, String> SETTINGS = Map.of("wfm.push.batch-size", "25",
            "wfm.push.max-concurrent", "10", "wfm.push.initial-concurrent", "10", "wfm.push.probe-round-trips", "8");

    /**
     * The sandbox holds each request 80 ms (median), long against the milliseconds a request spends on
     * its way there and back: the requests the connector has in flight are then really held at the
     * same time, so a level above 3 is refused within the run that tries it. With 10 ms they did not
     * always overlap, and a run could try 6 before 5 had ever been held at once.
     */
    private static ConnectorHarness tenantAtThree() {
        return ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3000).windowMode(WindowMode.OFF)
                .concurrentLimit(3).latencyMedianMs(80), SETTINGS);
    }

    @Test
    void a_run_after_one_that_learned_the_tenants_limit_starts_there_and_draws_no_capacity_rejection() {
        try (ConnectorHarness harness = tenantAtThree()) {
            RunSummary first = harness.runOnce();
            assertEquals(10, first.limitStart(), first.toLogLine());
            assertEquals("configured", first.limitFrom(), first.toLogLine());
            assertTrue(first.conflicts409() > 0, "the first run starts at 10 and collides: " + first.toLogLine());
            assertEquals(3, learned(harness).orElseThrow().concurrency(), "the first run learned the tenant's 3");

            harness.sandbox.legacy().changeAgents(2000);
            int before = harness.sandbox.genesys().requestLog().size();
            RunSummary second = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, second.outcome(), second.toLogLine());
            assertEquals(3, second.limitStart(), second.toLogLine());
            assertTrue(second.limitFrom().startsWith("learned@"), second.toLogLine());
            assertTrue(second.toLogLine().contains(" limitFrom=learned@"), second.toLogLine());
            assertEquals(0, second.conflicts409(), second.toLogLine());
            assertEquals(0, second.rateLimited429(), second.toLogLine());
            assertEquals(0, rejectedSince(harness, before), "the sandbox refused none of the second run's requests");
            assertEquals(80, second.requests(), "2,000 changes in 80 requests, none repeated: " + second.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void the_learned_level_survives_a_restart_of_the_connector() {
        try (ConnectorHarness harness = tenantAtThree()) {
            RunSummary first = harness.runOnce();
            assertTrue(first.conflicts409() > 0, first.toLogLine());

            harness.restartConnector();
            harness.sandbox.legacy().changeAgents(2000);
            int before = harness.sandbox.genesys().requestLog().size();
            RunSummary afterRestart = harness.runOnce();

            assertEquals(3, afterRestart.limitStart(), afterRestart.toLogLine());
            assertTrue(afterRestart.limitFrom().startsWith("learned@"), afterRestart.toLogLine());
            assertEquals(0, afterRestart.conflicts409(), afterRestart.toLogLine());
            assertEquals(0, rejectedSince(harness, before));
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void with_time_the_start_moves_back_one_step_per_interval_toward_the_configured_level() {
        try (ConnectorHarness harness = tenantAtThree()) {
            harness.runOnce();
            // The default step is an hour: 2.5 hours since the conflict move the start from 3 to 5.
            learnedAgo(harness, 3, Duration.ofMinutes(150));
            harness.sandbox.legacy().changeAgents(2000);
            RunSummary later = harness.runOnce();

            assertEquals(5, later.limitStart(), later.toLogLine());
            assertTrue(later.limitFrom().startsWith("learned@"), later.toLogLine());
            assertEquals(RunSummary.Outcome.SUCCEEDED, later.outcome(), later.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(3, learned(harness).orElseThrow().concurrency(), "5 collided, and 3 is learned again");

            // Seven steps and more: back at the configured 10.
            learnedAgo(harness, 3, Duration.ofHours(8));
            harness.sandbox.legacy().changeAgents(500);
            RunSummary muchLater = harness.runOnce();
            assertEquals(10, muchLater.limitStart(), muchLater.toLogLine());
            assertEquals("configured", muchLater.limitFrom(), muchLater.toLogLine());
        }
    }

    @Test
    void a_nonsense_or_missing_learned_level_falls_back_to_the_configured_level() {
        try (ConnectorHarness harness = tenantAtThree()) {
            harness.runOnce();
            learnedAgo(harness, 0, Duration.ZERO);
            harness.sandbox.legacy().changeAgents(500);
            RunSummary zero = harness.runOnce();
            assertEquals(10, zero.limitStart(), zero.toLogLine());
            assertEquals("configured", zero.limitFrom(), zero.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());

            Jdbc.update(dataSource(harness), "DELETE FROM learned_limit", statement -> { });
            harness.sandbox.legacy().changeAgents(500);
            RunSummary none = harness.runOnce();
            assertEquals(10, none.limitStart(), none.toLogLine());
            assertEquals("configured", none.limitFrom(), none.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    private static DataSource dataSource(ConnectorHarness harness) {
        return harness.context().getRegistry().lookupByNameAndType("stateDataSource", DataSource.class);
    }

    private static Optional<LearnedLimit> learned(ConnectorHarness harness) {
        return new LearnedLimitStore(dataSource(harness)).find(tenant(harness), "normal");
    }

    /** Rewrites what was learned as if it had been learned {@code ago} before now. */
    private static void learnedAgo(ConnectorHarness harness, int concurrency, Duration ago) {
        int rows = Jdbc.update(dataSource(harness), "UPDATE learned_limit SET concurrency = ?, learned_at = ?",
                statement -> {
                    statement.setInt(1, concurrency);
                    statement.setObject(2, Instant.now().minus(ago).atOffset(ZoneOffset.UTC));
                });
        assertEquals(1, rows, "one tenant learned");
    }

    private static String tenant(ConnectorHarness harness) {
        return SyncBeans.tokenKey(harness.property("genesys.api-url"), harness.property("genesys.client-id"));
    }

    private static long rejectedSince(ConnectorHarness harness, int before) {
        List<RequestLogEntry> log = harness.sandbox.genesys().requestLog();
        return log.subList(before, log.size()).stream().filter(entry -> entry.status() == 409 || entry.status() == 429)
                .count();
    }
}

package org.wfmagentsync.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.metrics.SyncMetrics.TokenOutcome;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.model.RunSummary.Outcome;

/** The figures the dashboard and the alert rules read besides the counters: last run, login, settings. */
class SyncMetricsTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2026, 12, 1, 20, 0, 0, 0, ZoneOffset.UTC);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SyncMetrics metrics = new SyncMetrics(registry, Map::of);

    @Test
    void the_last_successful_run_is_the_last_that_went_through_to_its_end_and_a_failed_run_does_not_move_it() {
        assertEquals(0.0, lastSuccess("sync"), "0 before the first run");

        metrics.runFinished(run("sync", Outcome.SUCCEEDED, T));
        assertEquals(T.toEpochSecond(), lastSuccess("sync"));
        metrics.runFinished(run("sync", Outcome.PARTIAL, T.plusMinutes(5)));
        assertEquals(T.plusMinutes(5).toEpochSecond(), lastSuccess("sync"), "a PARTIAL run went through to its end");
        metrics.runFinished(run("sync", Outcome.FAILED, T.plusMinutes(10)));
        metrics.runFinished(run("sync", Outcome.INTERRUPTED, T.plusMinutes(15)));
        assertEquals(T.plusMinutes(5).toEpochSecond(), lastSuccess("sync"), "failed and interrupted runs leave it");
        assertEquals(0.0, lastSuccess("replay"), "by kind of run: a sync run is not a replay");
    }

    @Test
    void the_last_outcome_is_one_for_the_last_finished_runs_outcome_and_zero_for_every_other() {
        assertEquals(0.0, lastOutcome("sync", Outcome.SUCCEEDED), "no run yet: every outcome 0");
        assertEquals(0.0, lastOutcome("sync", Outcome.FAILED));

        metrics.runFinished(run("sync", Outcome.FAILED, T));
        assertEquals(1.0, lastOutcome("sync", Outcome.FAILED));
        assertEquals(0.0, lastOutcome("sync", Outcome.SUCCEEDED));
        metrics.runFinished(run("sync", Outcome.SUCCEEDED, T.plusMinutes(5)));
        assertEquals(0.0, lastOutcome("sync", Outcome.FAILED));
        assertEquals(1.0, lastOutcome("sync", Outcome.SUCCEEDED));
        assertEquals(0.0, lastOutcome("replay", Outcome.SUCCEEDED), "a replay's outcome is its own");
        assertEquals(5, registry.find("wfm.run.last.outcome").tag("kind", "sync").gauges().size(),
                "every outcome but RUNNING, from the start");
    }

    @Test
    void login_failing_is_set_by_a_refused_or_unavailable_token_request_and_cleared_by_the_next_success() {
        assertEquals(0.0, registry.get("wfm.login.failing").gauge().value());
        assertEquals(0.0, tokenRequests(TokenOutcome.REFUSED), "every outcome counted from the start");

        metrics.tokenRequested(TokenOutcome.REFUSED);
        assertEquals(1.0, registry.get("wfm.login.failing").gauge().value());
        metrics.tokenRequested(TokenOutcome.UNAVAILABLE);
        metrics.tokenRequested(TokenOutcome.UNAVAILABLE);
        assertEquals(1.0, registry.get("wfm.login.failing").gauge().value());
        metrics.tokenRequested(TokenOutcome.SUCCEEDED);
        assertEquals(0.0, registry.get("wfm.login.failing").gauge().value());

        assertEquals(1.0, tokenRequests(TokenOutcome.REFUSED));
        assertEquals(2.0, tokenRequests(TokenOutcome.UNAVAILABLE));
        assertEquals(1.0, tokenRequests(TokenOutcome.SUCCEEDED));
    }

    @Test
    void the_settings_alerts_compare_with_are_exported_and_the_process_start_with_them() {
        metrics.settings(100, Duration.ofMinutes(5));

        assertEquals(100.0, registry.get("wfm.dead.letters.degraded.threshold").gauge().value());
        assertEquals(300.0, registry.get("wfm.schedule.interval.seconds").gauge().value());
        assertTrue(registry.get("process.start.time").timeGauge().value() > 0, "when the process started");
        assertTrue(registry.get("process.uptime").timeGauge().value() >= 0, "how long it has run");
    }

    private double lastSuccess(String kind) {
        return registry.get("wfm.run.last.success.timestamp.seconds").tag("kind", kind).gauge().value();
    }

    private double lastOutcome(String kind, Outcome outcome) {
        return registry.get("wfm.run.last.outcome").tag("kind", kind).tag("outcome", outcome.name()).gauge().value();
    }

    private double tokenRequests(TokenOutcome outcome) {
        return registry.get("wfm.token.requests").tag("outcome", outcome.name()).counter().count();
    }

    private static RunSummary run(String kind, Outcome outcome, OffsetDateTime finishedAt) {
        return new RunSummary("run-" + finishedAt.toEpochSecond(), kind, finishedAt.minusSeconds(2), finishedAt, outcome,
                null, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0L, 2000, 10, 10, 10, 10, 0, 500, 0);
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.triggers.CronTriggerImpl;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.run.RunTracker;
import org.wfmagentsync.run.SkippedTriggers;

class ScheduleTest {

    @Test
    void the_quartz_cron_trigger_starts_runs_on_its_own() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(20),
                Map.of("wfm.schedule.enabled", "true", "wfm.schedule.cron", "0/1 * * * * ?"))) {
            NotifyBuilder twoRuns = new NotifyBuilder(harness.context()).fromRoute("sync-schedule").whenCompleted(2).create();

            assertTrue(twoRuns.matches(10, TimeUnit.SECONDS), "two runs within 10 s of a one-second cron");
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void a_run_longer_than_two_cron_periods_is_followed_by_no_catch_up_run_and_the_skip_is_logged() {
        // A Quartz scheduler outlives a stopped connector whose job it still holds, and the next connector of the same
        // name in this JVM takes it over: a name of its own keeps the earlier tests' scheduler out of this one.
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(20),
                        Map.of("wfm.schedule.enabled", "true", "wfm.schedule.cron", "0/1 * * * * ?",
                                "camel.main.name", "wfm-agent-sync-long-run"))) {
            List<ScheduledRun> runs = scheduledRuns(harness);
            harness.sandbox.legacy().setDelay(Duration.ofMillis(2500)); // the next run outlasts two triggers

            Bounded.await(() -> longRun(runs) >= 0, Duration.ofSeconds(20), "a run longer than two cron periods");
            harness.sandbox.legacy().setDelay(Duration.ZERO);
            int longOne = longRun(runs);
            Bounded.await(() -> runs.size() > longOne + 1, Duration.ofSeconds(20), "the run after the long one");

            RunSummary longRun = runs.get(longOne).summary();
            ScheduledRun next = runs.get(longOne + 1);
            assertTrue(next.scheduledFor().isAfter(longRun.finishedAt().toInstant()),
                    "the next run was scheduled after the long one ended, not one it had missed: " + next.scheduledFor()
                            + " vs " + longRun.toLogLine());
            assertTrue(log.anyLineContains("sync trigger", "skipped: sync run " + longRun.runId()
                    + " was still in progress", "a missed trigger is not made up", "The next sync run is due at"),
                    "one line says a trigger was skipped and why: " + log.lines());
            assertEquals(1, log.linesContaining("skipped: sync run " + longRun.runId()), "one line per skip: " + log.lines());
        }
    }

    @Test
    void a_trigger_missed_while_no_run_was_in_progress_is_not_blamed_on_a_run() {
        Instant due = Instant.now().minusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        CronTriggerImpl trigger = (CronTriggerImpl) TriggerBuilder.newTrigger().startAt(Date.from(due.minusSeconds(5)))
                .withSchedule(CronScheduleBuilder.cronSchedule("0/1 * * * * ?")).build();
        trigger.setNextFireTime(Date.from(due)); // what Quartz hands the listener: the time the trigger missed
        RunTracker noRunYet = new RunTracker(null, null, Clock.systemUTC(), 0, null, List.of(), () -> 0, null, () -> { }, "test");

        try (CapturedLog log = CapturedLog.warnings()) {
            new SkippedTriggers(noRunYet, List::of).triggerMisfired(trigger);

            assertTrue(log.anyLineContains("sync triggers due from " + due + " to ",
                    "skipped: it could not fire on time (the connector was starting, or too busy)",
                    "The next sync run is due at"), log.lines().toString());
        }
    }

    /** Instances sharing the schedule: the run in the way is another's, still running, and the line names its node. */
    @Test
    void a_trigger_missed_during_another_instance_s_run_names_that_run_and_its_node() {
        Instant due = Instant.now().minusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        CronTriggerImpl trigger = (CronTriggerImpl) TriggerBuilder.newTrigger().startAt(Date.from(due.minusSeconds(5)))
                .withSchedule(CronScheduleBuilder.cronSchedule("0/1 * * * * ?")).build();
        trigger.setNextFireTime(Date.from(due));
        RunTracker noRunHere = new RunTracker(null, null, Clock.systemUTC(), 0, null, List.of(), () -> 0, null, () -> { }, "node-a");
        OffsetDateTime started = OffsetDateTime.ofInstant(due.minusSeconds(2), ZoneOffset.UTC);
        RunSummary elsewhere = new RunSummary("r-b", "sync", started, started.plusSeconds(1), RunSummary.Outcome.RUNNING,
                null, 10, 0, 0, 0, 0, 0, 0, 0, 0, null, 1000, 0, 0, 0, 0, 0, 0, 0, java.util.Map.of(), null, "node-b");

        try (CapturedLog log = CapturedLog.warnings()) {
            new SkippedTriggers(noRunHere, () -> List.of(elsewhere)).triggerMisfired(trigger);

            assertTrue(log.anyLineContains("skipped: sync run r-b on node-b was still in progress (started "),
                    log.lines().toString());
        }
    }

    /** A run Quartz started: the time it was scheduled for, and its summary. */
    private record ScheduledRun(Instant scheduledFor, RunSummary summary) {
    }

    /** The runs the cron starts from now on, in the order they end. */
    private static List<ScheduledRun> scheduledRuns(ConnectorHarness harness) {
        List<ScheduledRun> runs = new CopyOnWriteArrayList<>();
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCompletedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
                RunSummary summary = exchange.getMessage().getBody(RunSummary.class);
                if ("sync-schedule".equals(exchange.getFromRouteId()) && summary != null) {
                    runs.add(new ScheduledRun(exchange.getIn().getHeader("scheduledFireTime", Date.class).toInstant(),
                            summary));
                }
            }
        };
        harness.context().getManagementStrategy().addEventNotifier(notifier);
        ServiceHelper.startService(notifier);
        return runs;
    }

    /** The first run that outlasted two periods of the one-second cron, or -1. */
    private static int longRun(List<ScheduledRun> runs) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).summary().durationMs() > 2000) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void a_trigger_while_a_run_is_in_progress_is_skipped_not_overlapped() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(20), Map.of())) {
            harness.sandbox.legacy().setDelay(Duration.ofMillis(1500));
            CompletableFuture<RunSummary> first = CompletableFuture.supplyAsync(harness::runOnce);
            Bounded.await(() -> harness.sandbox.legacy().pollCount() == 1, Duration.ofSeconds(5), "first run polling");

            RunSummary second = harness.runOnce();

            assertNull(second, "the second trigger did not start a run");
            assertEquals(RunSummary.Outcome.SUCCEEDED, first.get(10, TimeUnit.SECONDS).outcome());
            assertEquals(1, harness.sandbox.legacy().pollCount(), "only one run pulled the feed");
        }
    }
}

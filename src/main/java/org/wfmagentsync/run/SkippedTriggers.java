package org.wfmagentsync.run;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.support.LogFields;

/**
 * Says in one line that the sync trigger was skipped. The Quartz job is stateful, so a trigger that
 * falls due during a run waits for it; once it is late by more than Quartz's misfire threshold it is
 * a misfire, and the route's misfire instruction (do nothing) drops it: the next run starts at the
 * cron's next time instead of straight after the long one. With instances sharing the schedule
 * the run in the way may be another instance's: the runs kept in the state database say which.
 */
public final class SkippedTriggers implements TriggerListener {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedTriggers.class);
    /** Enough to say "and the ones after it" without walking a whole day of a one-second cron. */
    private static final int MOST_COUNTED = 10_000;

    private final RunTracker runs;
    private final Supplier<List<RunSummary>> keptRuns;

    /** @param keptRuns the newest runs kept in the state database, of every instance on it */
    public SkippedTriggers(RunTracker runs, Supplier<List<RunSummary>> keptRuns) {
        this.runs = runs;
        this.keptRuns = keptRuns;
    }

    @Override
    public String getName() {
        return "wfm-skipped-triggers";
    }

    /** Called before Quartz moves the trigger on: its next fire time is still the one it missed. */
    @Override
    public void triggerMisfired(Trigger trigger) {
        Instant now = Instant.now();
        Date due = trigger.getNextFireTime();
        if (due == null) {
            return;
        }
        // the one it missed, and those after it that are already past
        int missed = 1;
        Date last = due;
        for (Date time = trigger.getFireTimeAfter(due); time != null && time.after(last)
                && !time.toInstant().isAfter(now) && missed < MOST_COUNTED; time = trigger.getFireTimeAfter(time)) {
            missed++;
            last = time;
        }
        Date next = trigger.getFireTimeAfter(Date.from(now));
        String skipped = missed <= 1 ? "sync trigger due at " + at(due)
                : missed + " sync triggers due from " + at(due) + " to " + at(last);
        String then = "; runs never overlap and a missed trigger is not made up. The next sync run is due at "
                + (next == null ? "no later time (the cron has ended)" : at(next));
        Optional<RunSummary> during = runs.lastRun().filter(run -> covers(run, due.toInstant()))
                .or(() -> keptRuns.get().stream().filter(run -> covers(run, due.toInstant())).findFirst());
        if (during.isPresent()) {
            RunSummary run = during.get();
            try (LogFields fields = LogFields.of(run.runId(), null, null)) {
                String where = run.node() == null || run.node().equals(runs.node()) ? "" : " on " + run.node();
                if (run.outcome() == RunSummary.Outcome.RUNNING) {
                    LOG.warn("{} skipped: {} run {}{} was still in progress (started {}){}", skipped, run.kind(),
                            run.runId(), where, at(run.startedAt().toInstant()), then);
                } else {
                    LOG.warn("{} skipped: {} run {}{} was still in progress (started {}, ended {}){}", skipped,
                            run.kind(), run.runId(), where, at(run.startedAt().toInstant()),
                            at(run.finishedAt().toInstant()), then);
                }
            }
        } else {
            LOG.warn("{} skipped: it could not fire on time (the connector was starting, or too busy){}", skipped, then);
        }
    }

    /** Whether the run was in progress at {@code moment}; one still running covers every moment since its start. */
    private static boolean covers(RunSummary run, Instant moment) {
        return !moment.isBefore(run.startedAt().toInstant()) && (run.outcome() == RunSummary.Outcome.RUNNING
                || !moment.isAfter(run.finishedAt().toInstant()));
    }

    private static String at(Date time) {
        return at(time.toInstant());
    }

    private static String at(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context,
            CompletedExecutionInstruction triggerInstructionCode) {
    }
}

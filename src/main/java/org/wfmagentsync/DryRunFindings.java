package org.wfmagentsync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.FailureRecord;
import org.wfmagentsync.model.RunEvents;

/**
 * What a dry run (check, mapping export) keeps in memory instead of storing it: the dead letters the
 * stages would write (bad legacy rows, unmapped agents and states) and what they count. The stages
 * are the connector's own, built as a start builds them; only where they report to differs, so a dry
 * run writes nothing to the state database. It stands in for the recorder, so none of the
 * recorder's own collaborators is used.
 */
final class DryRunFindings extends DeadLetterRecorder implements RunEvents {

    private final List<FailureRecord> failures = new ArrayList<>();
    private final AtomicLong fetched = new AtomicLong();
    private String stateUnreadable;

    DryRunFindings() {
        super(null, null, null, Clock.systemUTC());
    }

    @Override
    public synchronized void record(FailureRecord failure) {
        failures.add(failure);
    }

    @Override
    public synchronized void recordBatch(List<FailureRecord> batch, String why) {
        failures.addAll(batch);
    }

    synchronized List<FailureRecord> failures() {
        return List.copyOf(failures);
    }

    long fetched() {
        return fetched.get();
    }

    /** The state database could not be opened (a connector running on it?): the dry run compares with nothing delivered. */
    synchronized void stateUnreadable(String why) {
        stateUnreadable = why;
    }

    synchronized String stateUnreadable() {
        return stateUnreadable;
    }

    @Override
    public void fetched(String runId, long count) {
        fetched.addAndGet(count);
    }

    @Override
    public void changed(String runId, EventKind kind, long count) {
        // DryRun counts each kind's changes from the events themselves
    }

    // nothing is sent in a dry run: the push's figures stay zero

    @Override
    public void sent(String runId, EventKind kind, long count) {
    }

    @Override
    public void request(String runId, EventKind kind, int status) {
    }

    @Override
    public void retry(String runId, EventKind kind) {
    }

    @Override
    public void delivered(String runId, EventKind kind, long count) {
    }

    @Override
    public void deadLettered(String runId, EventKind kind, long count) {
    }

    @Override
    public void abandoned(String runId, long count) {
    }
}

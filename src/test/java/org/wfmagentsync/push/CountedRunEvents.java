package org.wfmagentsync.push;

import java.util.concurrent.atomic.AtomicLong;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunEvents;

/** Run reporting for tests of one push class: it counts the retries and abandoned events it hears of and ignores the rest. */
final class CountedRunEvents implements RunEvents {

    final AtomicLong retries = new AtomicLong();
    final AtomicLong abandoned = new AtomicLong();

    @Override
    public void fetched(String runId, long count) {
    }

    @Override
    public void changed(String runId, EventKind kind, long count) {
    }

    @Override
    public void sent(String runId, EventKind kind, long count) {
    }

    @Override
    public void request(String runId, EventKind kind, int status) {
    }

    @Override
    public void retry(String runId, EventKind kind) {
        retries.incrementAndGet();
    }

    @Override
    public void delivered(String runId, EventKind kind, long count) {
    }

    @Override
    public void deadLettered(String runId, EventKind kind, long count) {
    }

    @Override
    public void abandoned(String runId, long count) {
        abandoned.addAndGet(count);
    }
}

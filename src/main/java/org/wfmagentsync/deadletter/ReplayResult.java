package org.wfmagentsync.deadletter;

import java.util.List;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventKind;

/** What a replay did with each entry it was asked to send: replayed (and how that ended) or skipped, and why. */
public record ReplayResult(String runId, int requested, List<Replayed> replayed, List<Skipped> skipped) {

    /** An entry that was sent again; {@code outcome} is its status afterwards, {@code detail} the reason if it failed again. */
    public record Replayed(long id, EventKind kind, String agentId, String eventId, DeadLetterStatus outcome,
            String detail) {
    }

    /** An entry that was not sent, and why. */
    public record Skipped(long id, String why) {
    }

    /** How many of the replayed entries were delivered. */
    public long delivered() {
        return replayed.stream().filter(entry -> entry.outcome() == DeadLetterStatus.REPLAYED).count();
    }
}

package org.wfmagentsync.legacy;

import java.time.OffsetDateTime;

/**
 * A legacy row that could not be used: the agent id when it is usable, the row's place in the feed,
 * the field and why, the row's {@code changedAt} when that could be read (so that a later delivered
 * state of the agent can close the entry as superseded, and a newer bad row stays open), and the row.
 */
public record RejectedRecord(String agentId, int index, String field, String problem, OffsetDateTime changedAt,
        String rawJson) {

    /** A message that names the agent (or, without a usable agent id, the row), the field and the problem. */
    public String message() {
        String who = agentId == null ? "a record without a usable agentId (agents[" + index + "])" : "agent " + agentId;
        return who + ": " + (field == null ? "" : "field '" + field + "' ") + problem;
    }
}

package org.wfmagentsync.sandbox;

import java.time.Instant;
import java.util.Objects;

/** What the legacy system holds for one agent: state, NOT_READY reason (else null), and when it changed. */
public record AgentTruth(AgentState state, String reason, Instant changedAt) {

    public AgentTruth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(changedAt, "changedAt");
        if (state == AgentState.NOT_READY) {
            if (reason == null || !AgentState.NOT_READY_REASONS.contains(reason)) {
                throw new IllegalArgumentException("NOT_READY needs a reason in " + AgentState.NOT_READY_REASONS
                        + ", got " + reason);
            }
        } else if (reason != null) {
            throw new IllegalArgumentException(state + " takes no reason, got " + reason);
        }
    }
}

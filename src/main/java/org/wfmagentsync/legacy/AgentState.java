package org.wfmagentsync.legacy;

import java.time.OffsetDateTime;

/** One agent's status as the legacy system reports it, after validation. */
public record AgentState(String agentId, String state, String reason, OffsetDateTime changedAt, String rawJson) {

    /** The legacy state and reason as one comparable key, e.g. {@code NOT_READY|BREAK}. */
    public String stateKey() {
        return reason == null ? state : state + "|" + reason;
    }
}

package org.wfmagentsync.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One agent's status as the legacy system reports it, after validation. The original row is kept as
 * parsed and written out as JSON only when it is needed (a dead letter), not for every agent.
 */
public record AgentState(String agentId, String state, String reason, OffsetDateTime changedAt, JsonNode raw) {

    /** The original legacy row, as JSON. */
    public String rawJson() {
        return String.valueOf(raw);
    }

    /** The legacy state and reason as one comparable key, e.g. {@code NOT_READY|BREAK}. */
    public String stateKey() {
        return reason == null ? state : state + "|" + reason;
    }
}

package org.wfmagentsync.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One presence event in the shape {@code POST /api/v2/events/users/presence} takes, plus the
 * legacy context (agent id and state key) the connector needs to track it; that context is not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"eventId", "eventDateTime", "userId", "sourceId", "presenceDefinitionId", "message"})
public record StatusEvent(
        String eventId,
        String eventDateTime,
        String userId,
        String sourceId,
        String presenceDefinitionId,
        String message,
        @JsonIgnore String agentId,
        @JsonIgnore String stateKey) {
}

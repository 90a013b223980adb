package org.wfmagentsync.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: the same state change always yields the same id, so a retried request is
 * idempotent. Each kind has its own id for the same change, so that Genesys Cloud never takes a
 * routing-status event for the presence event of the same change, and each has its own dead letter.
 */
public final class EventIds {

    private EventIds() {
    }

    /**
     * The presence event's id. Never change this formula: the delivered baselines and open dead letters
     * of existing installations are keyed by it.
     */
    public static String of(AgentState agent) {
        String change = agent.agentId() + '\u0000' + agent.stateKey() + '\u0000' + agent.changedAt().toInstant();
        return UUID.nameUUIDFromBytes(change.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The id of the change's event of this kind: {@link #of(AgentState)} for presence. */
    public static String of(AgentState agent, EventKind kind) {
        return switch (kind) {
            case PRESENCE -> of(agent);
            case ROUTING_STATUS -> {
                // never the text of a presence change: that starts with the agent id, and the feed refuses control characters in it
                String change = "\u0000routing-status\u0000" + agent.agentId() + '\u0000' + agent.stateKey() + '\u0000'
                        + agent.changedAt().toInstant();
                yield UUID.nameUUIDFromBytes(change.getBytes(StandardCharsets.UTF_8)).toString();
            }
        };
    }
}

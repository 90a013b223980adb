package org.wfmagentsync.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic event ids: the same state change always yields the same id, so a retried request is idempotent. */
public final class EventIds {

    private EventIds() {
    }

    public static String of(AgentState agent) {
        String change = agent.agentId() + '\u0000' + agent.stateKey() + '\u0000' + agent.changedAt().toInstant();
        return UUID.nameUUIDFromBytes(change.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

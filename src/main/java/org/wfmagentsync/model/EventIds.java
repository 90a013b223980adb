package org.wfmagentsync.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic event ids: the same state change always yields the same id, so a retried request is
 * idempotent. Each kind has its own id for the same change, so that Genesys Cloud never takes a
 * routing-status event for the presence event of the same change, and each has its own dead letter.
 */
public final class EventIds {

    /** One MD5 per thread: looking the algorithm up costs as much as the digest of a short text. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e);
        }
    });

    private EventIds() {
    }

    /**
     * The presence event's id. Never change this formula: the delivered baselines and open dead letters
     * of existing installations are keyed by it.
     */
    public static String of(AgentState agent) {
        return of(agent, EventKind.PRESENCE);
    }

    /** The id of the change's event of this kind: {@link #of(AgentState)} for presence. */
    public static String of(AgentState agent, EventKind kind) {
        return of(agent.agentId(), agent.stateKey(), agent.changedAt().toInstant(), kind);
    }

    /** The id of the event of this kind for the same change as {@code event} (its own id for its own kind). */
    public static String sameChange(StatusEvent event, EventKind kind) {
        return of(event.agentId(), event.stateKey(), Timestamps.parse(event.eventDateTime()).toInstant(), kind);
    }

    private static String of(String agentId, String stateKey, Instant changedAt, EventKind kind) {
        String change = switch (kind) {
            case PRESENCE -> agentId + '\u0000' + stateKey + '\u0000' + changedAt;
            // never the text of a presence change: that starts with the agent id, and the feed refuses control characters in it
            case ROUTING_STATUS -> "\u0000routing-status\u0000" + agentId + '\u0000' + stateKey + '\u0000' + changedAt;
        };
        return nameUuid(change.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** As {@link UUID#nameUUIDFromBytes} (a version 3 UUID), with this thread's digest. */
    private static UUID nameUuid(byte[] name) {
        byte[] md5 = MD5.get().digest(name);
        md5[6] &= 0x0f;
        md5[6] |= 0x30;
        md5[8] &= 0x3f;
        md5[8] |= (byte) 0x80;
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (md5[i] & 0xff);
            least = (least << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }
}

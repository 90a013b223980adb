package org.wfmagentsync.model;

/**
 * One status change for Genesys Cloud: its kind, its deterministic id and time, the Genesys user and
 * what it sets, plus the legacy context the connector tracks it by (agent id and state key), which
 * is not sent. {@code org.wfmagentsync.genesys.EventJson} gives the shape each kind is sent in.
 *
 * @param status   what the event sets: for {@link EventKind#PRESENCE} the presence definition id, for
 *                 {@link EventKind#ROUTING_STATUS} the routing status as the endpoint spells it ({@link RoutingStatus#wire()})
 * @param message  an optional status message (presence only), or null
 * @param agentId  the legacy agent id (not sent)
 * @param stateKey the legacy state and reason, e.g. {@code NOT_READY|BREAK} (not sent)
 */
public record StatusEvent(EventKind kind, String eventId, String eventDateTime, String userId, String sourceId,
        String status, String message, String agentId, String stateKey) {

    /** A presence event that sets the presence definition {@code presenceDefinitionId}. */
    public static StatusEvent presence(String eventId, String eventDateTime, String userId, String sourceId,
            String presenceDefinitionId, String message, String agentId, String stateKey) {
        return new StatusEvent(EventKind.PRESENCE, eventId, eventDateTime, userId, sourceId, presenceDefinitionId,
                message, agentId, stateKey);
    }

    /** A routing-status event that sets {@code status} for the user (the endpoint calls the user {@code agentId}). */
    public static StatusEvent routingStatus(String eventId, String eventDateTime, String userId, String sourceId,
            RoutingStatus status, String agentId, String stateKey) {
        return new StatusEvent(EventKind.ROUTING_STATUS, eventId, eventDateTime, userId, sourceId, status.wire(), null,
                agentId, stateKey);
    }
}

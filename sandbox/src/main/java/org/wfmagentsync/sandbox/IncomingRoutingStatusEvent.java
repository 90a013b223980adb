package org.wfmagentsync.sandbox;

import java.util.Map;

/**
 * One user routing-status event as received; a field is null when missing or not a JSON string.
 * {@code agentId} is the Genesys user id (the endpoint's name for it).
 */
record IncomingRoutingStatusEvent(String eventId, String eventDateTime, String agentId, String sourceId,
                                  String status) implements IncomingStatusEvent {

    @Override
    public String userId() {
        return agentId;
    }

    @Override
    public String value() {
        return status;
    }

    static IncomingRoutingStatusEvent of(Map<String, String> fields) {
        return new IncomingRoutingStatusEvent(fields.get("eventId"), fields.get("eventDateTime"), fields.get("agentId"),
                fields.get("sourceId"), fields.get("status"));
    }
}

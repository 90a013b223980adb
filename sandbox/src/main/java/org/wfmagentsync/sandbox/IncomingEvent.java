package org.wfmagentsync.sandbox;

import java.util.Map;

/** One user presence event as received; a field is null when missing or not a JSON string. */
record IncomingEvent(String eventId, String eventDateTime, String userId, String sourceId,
                     String presenceDefinitionId, String message) implements IncomingStatusEvent {

    @Override
    public String value() {
        return presenceDefinitionId;
    }

    static IncomingEvent of(Map<String, String> fields) {
        return new IncomingEvent(fields.get("eventId"), fields.get("eventDateTime"), fields.get("userId"),
                fields.get("sourceId"), fields.get("presenceDefinitionId"), fields.get("message"));
    }
}

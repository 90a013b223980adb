package org.wfmagentsync.genesys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.StatusEvent;

/**
 * The JSON shapes Genesys Cloud's event endpoints take, per {@link EventKind}: one event as it is
 * sent (and kept with a dead letter, so a replay sends it as it was), and a whole request.
 * Field order and the omission of absent fields match the official SDK's models.
 */
public final class EventJson {

    /** The most events one request may carry (the API refuses more with {@code max.batch.size.surpassed}). */
    public static final int MAX_EVENTS_PER_REQUEST = 100;

    private final ObjectMapper json;

    public EventJson(ObjectMapper json) {
        this.json = json;
    }

    /** The request path, below the API base URL, that takes events of this kind. */
    public static String path(EventKind kind) {
        return switch (kind) {
            case PRESENCE -> "/api/v2/events/users/presence";
        };
    }

    /** One event as it is sent. */
    public String event(StatusEvent event) {
        return write(fields(event));
    }

    /** A whole request for events of one kind. */
    public String request(EventKind kind, List<StatusEvent> events) {
        String list = switch (kind) {
            case PRESENCE -> "userPresenceEvents";
        };
        return write(Map.of(list, events.stream().map(EventJson::fields).toList()));
    }

    /** An event read back from the form {@link #event} wrote; the legacy context is not in it and comes with the call. */
    public StatusEvent read(EventKind kind, String eventJson, String agentId, String stateKey)
            throws JsonProcessingException {
        JsonNode node = json.readTree(eventJson);
        return switch (kind) {
            case PRESENCE -> StatusEvent.presence(node.path("eventId").asText(), node.path("eventDateTime").asText(),
                    node.path("userId").asText(), node.path("sourceId").asText(),
                    node.path("presenceDefinitionId").asText(), node.path("message").asText(null), agentId, stateKey);
        };
    }

    private static Map<String, Object> fields(StatusEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (event.kind()) {
            case PRESENCE -> {
                put(fields, "eventId", event.eventId());
                put(fields, "eventDateTime", event.eventDateTime());
                put(fields, "userId", event.userId());
                put(fields, "sourceId", event.sourceId());
                put(fields, "presenceDefinitionId", event.status());
                put(fields, "message", event.message());
            }
        }
        return fields;
    }

    private static void put(Map<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event JSON: " + e.getOriginalMessage(), e);
        }
    }
}

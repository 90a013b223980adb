package org.wfmagentsync.genesys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RoutingStatus;
import org.wfmagentsync.model.StatusEvent;

/**
 * The JSON shapes Genesys Cloud's event endpoints take, per {@link EventKind}: one event as it is
 * sent (and kept with a dead letter, so a replay sends it as it was), and a whole request, which
 * carries events of one kind. Field order and the omission of absent fields match the official
 * SDK's models ({@code UserPresenceEvent}, {@code UserRoutingStatusEvent}).
 */
public final class EventJson {

    /** The most events one request may carry (the API refuses more with {@code max.batch.size.surpassed}). */
    public static final int MAX_EVENTS_PER_REQUEST = 100;
    /** The largest request body the API takes, in bytes (larger ones get 413 {@code request.entity.too.large}). */
    public static final int MAX_REQUEST_BYTES = 512_000;

    private final ObjectMapper json;

    public EventJson(ObjectMapper json) {
        this.json = json;
    }

    /** The request path, below the API base URL, that takes events of this kind. */
    public static String path(EventKind kind) {
        return switch (kind) {
            case PRESENCE -> "/api/v2/events/users/presence";
            case ROUTING_STATUS -> "/api/v2/events/users/routingstatus";
        };
    }

    /** The request's list of events, e.g. {@code userPresenceEvents}. */
    static String listName(EventKind kind) {
        return switch (kind) {
            case PRESENCE -> "userPresenceEvents";
            case ROUTING_STATUS -> "userRoutingStatusEvents";
        };
    }

    /** One event as it is sent. */
    public String event(StatusEvent event) {
        return write(fields(event));
    }

    /**
     * A whole request for events of one kind; refuses an empty list and events of another kind, which
     * the API would refuse ({@code zero.events.submitted}) or misread.
     */
    public String request(EventKind kind, List<StatusEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a request carries at least one event");
        }
        for (StatusEvent event : events) {
            if (event.kind() != kind) {
                throw new IllegalArgumentException("a " + kind.words() + " request cannot carry a " + event.kind().words()
                        + " event (" + event.eventId() + ")");
            }
        }
        return write(Map.of(listName(kind), events.stream().map(EventJson::fields).toList()));
    }

    /** The size in bytes (UTF-8) of one event as {@link #request} writes it into a request. */
    public int eventBytes(StatusEvent event) {
        return event(event).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The size in bytes of a request of this kind whose events, as {@link #eventBytes} measures them,
     * add up to {@code eventBytes}: the envelope {@code {"<list>":[...]}} and a comma between events.
     */
    public static long requestBytes(EventKind kind, int events, long eventBytes) {
        int envelope = ("{\"" + listName(kind) + "\":[]}").length();
        return envelope + eventBytes + Math.max(0, events - 1);
    }

    /** An event read back from the form {@link #event} wrote; the legacy context is not in it and comes with the call. */
    public StatusEvent read(EventKind kind, String eventJson, String agentId, String stateKey)
            throws JsonProcessingException {
        JsonNode node = json.readTree(eventJson);
        return switch (kind) {
            case PRESENCE -> StatusEvent.presence(node.path("eventId").asText(), node.path("eventDateTime").asText(),
                    node.path("userId").asText(), node.path("sourceId").asText(),
                    node.path("presenceDefinitionId").asText(), node.path("message").asText(null), agentId, stateKey);
            case ROUTING_STATUS -> StatusEvent.routingStatus(node.path("eventId").asText(),
                    node.path("eventDateTime").asText(), node.path("agentId").asText(), node.path("sourceId").asText(),
                    RoutingStatus.parse(node.path("status").asText()).orElseThrow(() -> new IllegalArgumentException(
                            "not a routing status: '" + node.path("status").asText() + "'")), agentId, stateKey);
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
            case ROUTING_STATUS -> {
                // the endpoint names the Genesys user agentId; the legacy agent id is never sent
                put(fields, "eventId", event.eventId());
                put(fields, "eventDateTime", event.eventDateTime());
                put(fields, "agentId", event.userId());
                put(fields, "status", event.status());
                put(fields, "sourceId", event.sourceId());
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

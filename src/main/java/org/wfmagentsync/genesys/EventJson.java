package org.wfmagentsync.genesys;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.List;
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
        StringWriter out = new StringWriter(256);
        write(out, generator -> writeEvent(generator, event));
        return out.toString();
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
        StringWriter out = new StringWriter(events.size() * 256);
        write(out, generator -> {
            generator.writeStartObject();
            generator.writeArrayFieldStart(listName(kind));
            for (StatusEvent event : events) {
                writeEvent(generator, event);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        });
        return out.toString();
    }

    /**
     * The size in bytes (UTF-8) of one event as {@link #request} writes it into a request: the same
     * writing, counted instead of kept (each event is measured once, as the batches are cut).
     */
    public int eventBytes(StatusEvent event) {
        ByteCount count = new ByteCount();
        try (JsonGenerator generator = json.createGenerator(count, JsonEncoding.UTF8)) {
            writeEvent(generator, event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write event JSON: " + e.getMessage(), e);
        }
        return count.bytes;
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

    /**
     * One event's fields, in the official SDK models' order, absent ones left out: the one place the
     * sent form is defined ({@link #event}, {@link #request} and {@link #eventBytes} all write it).
     */
    private static void writeEvent(JsonGenerator generator, StatusEvent event) throws IOException {
        generator.writeStartObject();
        switch (event.kind()) {
            case PRESENCE -> {
                field(generator, "eventId", event.eventId());
                field(generator, "eventDateTime", event.eventDateTime());
                field(generator, "userId", event.userId());
                field(generator, "sourceId", event.sourceId());
                field(generator, "presenceDefinitionId", event.status());
                field(generator, "message", event.message());
            }
            case ROUTING_STATUS -> {
                // the endpoint names the Genesys user agentId; the legacy agent id is never sent
                field(generator, "eventId", event.eventId());
                field(generator, "eventDateTime", event.eventDateTime());
                field(generator, "agentId", event.userId());
                field(generator, "status", event.status());
                field(generator, "sourceId", event.sourceId());
            }
        }
        generator.writeEndObject();
    }

    private static void field(JsonGenerator generator, String name, String value) throws IOException {
        if (value != null) {
            generator.writeStringField(name, value);
        }
    }

    private interface Writing {
        void write(JsonGenerator generator) throws IOException;
    }

    private void write(StringWriter out, Writing writing) {
        try (JsonGenerator generator = json.createGenerator(out)) {
            writing.write(generator);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write event JSON: " + e.getMessage(), e);
        }
    }

    /** Counts the bytes written to it and keeps none. */
    private static final class ByteCount extends OutputStream {
        private int bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}

package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads an event batch body ({@code BatchUserPresenceEventRequest}, {@code
 * BatchUserRoutingStatusEventRequest}) leniently: shape problems become a 400 (or a 413 for a body
 * over the size limit), field problems per-event errors. Uses the streaming parser only (no tree),
 * which is cheap and needs nothing but jackson-core.
 *
 * @param <E> one event as received; built from its string fields (a field that is missing or not a
 *            JSON string is absent from the map), from an empty map for a list element that is not an object
 */
final class EventBatchParser<E> {

    /** Why a body is refused as a whole, as the API answers it. */
    record Rejection(int status, String code, String message) {
    }

    /** Parsed events, how many the body listed, and the rejection when the body as a whole is unusable. */
    record ParsedBatch<E>(List<E> events, int eventCount, Rejection rejection) {

        static <E> ParsedBatch<E> rejected(String problem, int eventCount) {
            return rejected(400, "bad.request", problem, eventCount);
        }

        static <E> ParsedBatch<E> rejected(int status, String code, String problem, int eventCount) {
            return new ParsedBatch<>(List.of(), eventCount, new Rejection(status, code, problem));
        }
    }

    private final JsonFactory factory;
    private final String listField;
    private final int maxEvents;
    private final int maxBytes;
    private final Function<Map<String, String>, E> event;

    EventBatchParser(JsonFactory factory, String listField, int maxEvents, int maxBytes,
                     Function<Map<String, String>, E> event) {
        this.factory = factory;
        this.listField = listField;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.event = event;
    }

    ParsedBatch<E> parse(byte[] body) {
        if (body.length == 0) {
            return ParsedBatch.rejected("The request body is empty; " + listField + " is required", 0);
        }
        if (body.length > maxBytes) {
            return ParsedBatch.rejected(413, "request.entity.too.large", "The request is " + body.length
                    + " bytes; the maximum request size is " + maxBytes + " bytes", 0);
        }
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ParsedBatch.rejected("The request body must be a JSON object with " + listField, 0);
            }
            List<E> events = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (listField.equals(field) && value == JsonToken.START_ARRAY) {
                    events = readEvents(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return ParsedBatch.rejected("Unexpected content after the JSON object", 0);
            }
            if (events == null) {
                return ParsedBatch.rejected(listField + " is required and must be a list", 0);
            }
            if (events.isEmpty()) {
                return ParsedBatch.rejected(400, "zero.events.submitted", "No events were submitted", 0);
            }
            if (events.size() > maxEvents) {
                return ParsedBatch.rejected(400, "max.batch.size.surpassed", "Max batch size is " + maxEvents
                        + "; " + events.size() + " events were sent", events.size());
            }
            return new ParsedBatch<>(events, events.size(), null);
        } catch (JacksonException e) {
            return ParsedBatch.rejected("The request body could not be parsed as JSON: " + e.getOriginalMessage(), 0);
        } catch (IOException e) {
            return ParsedBatch.rejected("The request body could not be read", 0);
        }
    }

    private List<E> readEvents(JsonParser parser) throws IOException {
        List<E> events = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("unterminated list");
            }
            if (token != JsonToken.START_OBJECT) {
                // Not an event object: keep its place so it gets a per-event error like Genesys gives.
                parser.skipChildren();
                events.add(event.apply(Map.of()));
                continue;
            }
            events.add(event.apply(readStringFields(parser)));
        }
        return events;
    }

    /** String-valued fields of the current object; other values are skipped (and so count as missing). */
    private static Map<String, String> readStringFields(JsonParser parser) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                fields.put(name, parser.getText());
            } else {
                fields.remove(name);
                parser.skipChildren();
            }
        }
        return fields;
    }
}

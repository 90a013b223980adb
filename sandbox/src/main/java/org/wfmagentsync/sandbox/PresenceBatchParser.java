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

/**
 * Reads a {@code BatchUserPresenceEventRequest} body leniently: shape problems become a 400, field problems
 * per-event errors. Uses the streaming parser only (no tree), which is cheap and needs nothing but jackson-core.
 */
final class PresenceBatchParser {

    static final String LIST_FIELD = "userPresenceEvents";

    /** Parsed events, how many the body listed, and the reason for a 400 when the body as a whole is unusable. */
    record ParsedBatch(List<IncomingEvent> events, int eventCount, String problem) {

        static ParsedBatch rejected(String problem, int eventCount) {
            return new ParsedBatch(List.of(), eventCount, problem);
        }
    }

    private final JsonFactory factory;
    private final int maxEvents;

    PresenceBatchParser(JsonFactory factory, int maxEvents) {
        this.factory = factory;
        this.maxEvents = maxEvents;
    }

    ParsedBatch parse(byte[] body) {
        if (body.length == 0) {
            return ParsedBatch.rejected("The request body is empty; " + LIST_FIELD + " is required", 0);
        }
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ParsedBatch.rejected("The request body must be a JSON object with " + LIST_FIELD, 0);
            }
            List<IncomingEvent> events = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (LIST_FIELD.equals(field) && value == JsonToken.START_ARRAY) {
                    events = readEvents(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return ParsedBatch.rejected("Unexpected content after the JSON object", 0);
            }
            if (events == null) {
                return ParsedBatch.rejected(LIST_FIELD + " is required and must be a list", 0);
            }
            if (events.size() > maxEvents) {
                return ParsedBatch.rejected("A maximum of " + maxEvents + " events is allowed per request; "
                        + events.size() + " were sent", events.size());
            }
            return new ParsedBatch(events, events.size(), null);
        } catch (JacksonException e) {
            return ParsedBatch.rejected("The request body could not be parsed as JSON: " + e.getOriginalMessage(), 0);
        } catch (IOException e) {
            return ParsedBatch.rejected("The request body could not be read", 0);
        }
    }

    private static List<IncomingEvent> readEvents(JsonParser parser) throws IOException {
        List<IncomingEvent> events = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("unterminated list");
            }
            if (token != JsonToken.START_OBJECT) {
                // Not an event object: keep its place so it gets a per-event error like Genesys gives.
                parser.skipChildren();
                events.add(new IncomingEvent(null, null, null, null, null, null));
                continue;
            }
            Map<String, String> fields = readStringFields(parser);
            events.add(new IncomingEvent(fields.get("eventId"), fields.get("eventDateTime"), fields.get("userId"),
                    fields.get("sourceId"), fields.get("presenceDefinitionId"), fields.get("message")));
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

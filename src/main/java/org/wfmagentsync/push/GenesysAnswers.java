package org.wfmagentsync.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Message;

/** Reading Genesys Cloud's answers: the body as JSON when it is JSON, a header whatever its case. */
final class GenesysAnswers {

    private GenesysAnswers() {
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    static JsonNode json(ObjectMapper json, String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A response header by name, ignoring case (camel-http keeps the server's spelling), or null. */
    static String header(Message message, String name) {
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
                return header.getValue().toString();
            }
        }
        return null;
    }
}

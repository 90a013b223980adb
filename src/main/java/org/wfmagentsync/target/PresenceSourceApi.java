package org.wfmagentsync.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.wfmagentsync.support.ForeignText;
import org.wfmagentsync.support.TlsFailure;

/**
 * Genesys Cloud's presence sources API, one call at a time through the {@code presence-sources}
 * route (which adds the token): {@code GET /api/v2/presence/sources/{id}}, {@code GET
 * /api/v2/presence/sources}, {@code POST /api/v2/presence/sources}. The shapes are the SDK's
 * {@code Source} ({@code id, name, description, type, deactivated, selfUri}) and
 * {@code SourceEntityListing} ({@code total, entities, selfUri}).
 */
class PresenceSourceApi {

    static final String ROUTE = "direct:presence-sources";
    static final String PATH = "/api/v2/presence/sources";

    /** One source as the API shows it. */
    record Source(String id, String name, String type, boolean deactivated) {

        /** {@code 'name' (id)}, as messages name a source. */
        String named() {
            return "'" + name + "' (" + id + ")";
        }
    }

    /** An answer: its status and body ({@code MissingNode} when the body is not JSON). */
    record Answer(int status, JsonNode body, String text) {

        boolean ok() {
            return status / 100 == 2;
        }

        /** The ErrorBody's code and message, or the body cut short: for a message that quotes Genesys Cloud. */
        String error() {
            String code = body.path("code").asText("");
            String message = body.path("message").asText("");
            String said = code.isEmpty() && message.isEmpty() ? ForeignText.oneLine(text, "", 200)
                    : (code + (message.isEmpty() ? "" : ": " + ForeignText.oneLine(message, "", 200))).strip();
            return "HTTP " + status + (said.isEmpty() ? "" : " " + said);
        }

        Source source() {
            return PresenceSourceApi.source(body);
        }
    }

    /** No answer at all: the token could not be had, or the API could not be reached. */
    static final class NoAnswer extends RuntimeException {
        NoAnswer(String message) {
            super(message);
        }
    }

    private final ProducerTemplate template;
    private final ObjectMapper json;

    PresenceSourceApi(ProducerTemplate template, ObjectMapper json) {
        this.template = template;
        this.json = json;
    }

    Answer get(String id) {
        return call("GET", "/" + id, null);
    }

    /** The org's active sources. */
    Answer list() {
        return call("GET", "", null);
    }

    Answer create(String name, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description);
        try {
            return call("POST", "", json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the presence source request", e);
        }
    }

    /** The sources of a listing answer. */
    static List<Source> sources(Answer listing) {
        List<Source> sources = new ArrayList<>();
        listing.body().path("entities").forEach(entity -> sources.add(source(entity)));
        return sources;
    }

    private static Source source(JsonNode node) {
        return new Source(node.path("id").asText(""), node.path("name").asText(""), node.path("type").asText(null),
                node.path("deactivated").asBoolean(false));
    }

    private Answer call(String method, String path, String body) {
        Exchange answered = template.request(ROUTE, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
            if (body != null) {
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                exchange.getMessage().setBody(body);
            }
        });
        Exception failure = answered.getException();
        String call = method + " " + PATH + path;
        if (failure != null) {
            // the token first, then the call: either may fail
            throw new NoAnswer("could not call " + call + ": " + TlsFailure.describe(failure, "Genesys Cloud")
                    .orElse(ForeignText.oneLine(String.valueOf(failure.getMessage()), "", 300)));
        }
        int status = answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String text = answered.getMessage().getBody(String.class);
        JsonNode parsed;
        try {
            parsed = text == null || text.isBlank() ? MissingNode.getInstance() : json.readTree(text);
        } catch (IOException notJson) {
            parsed = MissingNode.getInstance();
        }
        return new Answer(status, parsed == null ? MissingNode.getInstance() : parsed, text == null ? "" : text);
    }
}

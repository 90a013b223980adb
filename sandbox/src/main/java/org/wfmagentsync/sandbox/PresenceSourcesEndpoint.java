package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v2/presence/sources}: {@code GET} lists the org's sources (the SDK's
 * {@code SourceEntityListing}; {@code ?deactivated=true} includes the deactivated ones, the
 * default lists the active ones), {@code POST} creates one ({@code {name, description, type,
 * deactivated}}), {@code GET} and {@code PUT /{sourceId}} read and update one. Each needs its
 * permission ({@code presence:source:view}, {@code add}, {@code edit}); a permission the test took
 * away gets 403.
 */
final class PresenceSourcesEndpoint implements HttpHandler {

    static final String PATH = "/api/v2/presence/sources";

    static final String VIEW = "presence:source:view";
    static final String ADD = "presence:source:add";
    static final String EDIT = "presence:source:edit";

    private final GenesysKnobs knobs;
    private final Clock clock;
    private final TokenStore tokens;
    private final PresenceSourceStore sources;
    private final GenesysJson json;

    PresenceSourcesEndpoint(GenesysKnobs knobs, Clock clock, TokenStore tokens, PresenceSourceStore sources,
            GenesysJson json) {
        this.knobs = knobs;
        this.clock = clock;
        this.tokens = tokens;
        this.sources = sources;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange);
        String path = exchange.getRequestURI().getPath();
        String rest = path.equals(PATH) ? "" : path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : null;
        if (rest == null || rest.contains("/")) {
            Exchanges.send(exchange, json.error(404, "not.found", "No such resource", null));
            return;
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String permission = switch (method) {
            case "GET" -> VIEW;
            case "POST" -> rest.isEmpty() ? ADD : null;
            case "PUT" -> rest.isEmpty() ? null : EDIT;
            default -> null;
        };
        if (permission == null) {
            Exchanges.send(exchange, json.error(405, "method.not.allowed", method + " is not supported here", null));
            return;
        }
        SimResponse refused = refused(exchange.getRequestHeaders().getFirst("Authorization"), permission);
        if (refused != null) {
            Exchanges.send(exchange, refused);
            return;
        }
        JsonNode request = method.equals("GET") ? null : parse(body);
        if (!method.equals("GET") && (request == null || !request.isObject())) {
            Exchanges.send(exchange, json.error(400, "bad.request", "The request body must be a presence source (JSON)", null));
            return;
        }
        Exchanges.send(exchange, switch (method) {
            case "GET" -> rest.isEmpty() ? list(exchange.getRequestURI().getQuery()) : one(rest);
            case "POST" -> create(request);
            default -> update(rest, request);
        });
    }

    /** 401 without a good token, 403 without the permission, null when the call may go on. */
    private SimResponse refused(String authorization, String permission) {
        TokenStore.Check auth = tokens.check(authorization, clock.instant());
        if (auth.verdict() == TokenStore.Verdict.EXPIRED) {
            return json.error(401, "credentials.expired", "The supplied credentials are expired and cannot be used.", null);
        }
        if (auth.verdict() != TokenStore.Verdict.VALID) {
            return json.error(401, "authentication.required",
                    "No authentication bearer token specified in authorization header.", null);
        }
        if (knobs.deniedPermissions.contains(permission)) {
            return json.error(403, "missing.permissions",
                    "You are missing the following permission(s): " + permission + " (sandbox)", null);
        }
        return null;
    }

    private SimResponse list(String query) {
        boolean includeDeactivated = query != null && List.of(query.split("&")).contains("deactivated=true");
        List<Map<String, Object>> entities = sources.list(includeDeactivated).stream().map(PresenceSourcesEndpoint::shape)
                .toList();
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("total", entities.size());
        listing.put("entities", entities);
        listing.put("selfUri", PATH);
        return SimResponse.json(200, json.bytes(listing));
    }

    private SimResponse one(String id) {
        return sources.get(id).map(source -> SimResponse.json(200, json.bytes(shape(source))))
                .orElseGet(() -> notFound(id));
    }

    private SimResponse create(JsonNode request) {
        String name = text(request, "name");
        if (name == null || name.isBlank()) {
            return json.error(400, "bad.request", "name is required", null);
        }
        return answer(sources.create(name, text(request, "description"), text(request, "type"),
                request.path("deactivated").asBoolean(false)));
    }

    private SimResponse update(String id, JsonNode request) {
        JsonNode deactivated = request.get("deactivated");
        return sources.update(id, text(request, "name"), text(request, "description"), text(request, "type"),
                        deactivated == null || !deactivated.isBoolean() ? null : deactivated.asBoolean())
                .map(this::answer).orElseGet(() -> notFound(id));
    }

    private SimResponse answer(PresenceSourceStore.Outcome outcome) {
        return outcome.refusal() != null ? json.error(409, PresenceSourceStore.TOO_MANY, outcome.refusal(), null)
                : SimResponse.json(200, json.bytes(shape(outcome.source())));
    }

    private SimResponse notFound(String id) {
        return json.error(404, "not.found", "Presence source " + id + " was not found", null);
    }

    /** The SDK's {@code Source}, fields in its order; {@code type} only when it was given. */
    private static Map<String, Object> shape(PresenceSource source) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", source.id());
        fields.put("name", source.name());
        if (source.description() != null) {
            fields.put("description", source.description());
        }
        if (source.type() != null) {
            fields.put("type", source.type());
        }
        fields.put("deactivated", source.deactivated());
        fields.put("selfUri", source.selfUri());
        return fields;
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.mapper().readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}

package org.wfmagentsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v2/presence/definitions}: {@code {total, entities[], selfUri}}, not paged, each
 * entity {@code {id, name, type, languageLabels, systemPresence, divisionId, deactivated, selfUri}}.
 * Without {@code deactivated=true} it lists the active definitions, with it the deactivated ones.
 */
final class PresenceDefinitionsEndpoint implements HttpHandler {

    static final String PATH = "/api/v2/presence/definitions";

    private final DirectoryGuard guard;
    private final OrgPresences presences;
    private final GenesysJson json;

    PresenceDefinitionsEndpoint(DirectoryGuard guard, OrgPresences presences, GenesysJson json) {
        this.guard = guard;
        this.presences = presences;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Exchanges.readBody(exchange);
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            Exchanges.send(exchange, json.error(404, "not.found", "No such resource", null));
            return;
        }
        if (!"GET".equalsIgnoreCase(exchange.getRequestMethod())) {
            Exchanges.send(exchange, json.error(405, "method.not.allowed", "GET is required", null));
            return;
        }
        Optional<SimResponse> refused = guard.refusal(exchange.getRequestHeaders().getFirst("Authorization"));
        if (refused.isPresent()) {
            Exchanges.send(exchange, refused.get());
            return;
        }
        List<String> deactivated = UsersEndpoint.query(exchange.getRequestURI().getRawQuery()).getOrDefault("deactivated",
                List.of());
        List<Map<String, Object>> entities = presences.listed(!deactivated.isEmpty()
                && Boolean.parseBoolean(deactivated.get(0).trim())).stream().map(PresenceDefinitionsEndpoint::entity).toList();
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("total", entities.size());
        listing.put("entities", entities);
        listing.put("selfUri", PATH);
        Exchanges.send(exchange, SimResponse.json(200, json.bytes(listing)));
    }

    private static Map<String, Object> entity(OrgPresence definition) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", definition.id());
        entity.put("name", definition.name());
        entity.put("type", definition.type());
        entity.put("languageLabels", definition.languageLabels());
        entity.put("systemPresence", definition.systemPresence());
        entity.put("divisionId", definition.divisionId());
        entity.put("deactivated", definition.deactivated());
        entity.put("selfUri", PATH + "/" + definition.id());
        return entity;
    }
}

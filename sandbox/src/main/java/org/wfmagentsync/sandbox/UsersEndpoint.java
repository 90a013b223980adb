package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /api/v2/users} (paged, {@code UserEntityListing}) and {@code POST /api/v2/users/search}
 * ({@code UserSearchRequest} in, {@code UsersSearchResponse} out), in the SDK models' shapes. A user
 * carries {@code employerInfo} (its employee id) only when {@code expand} asks for it, as in Genesys
 * Cloud. The search takes {@code EXACT}, {@code STARTS_WITH} and {@code CONTAINS} criteria on
 * {@code id}, {@code name}, {@code email}, {@code username} and {@code employerInfo.employeeId},
 * all of which must match; other criteria are refused with a 400 saying the sandbox does not
 * simulate them.
 */
final class UsersEndpoint implements HttpHandler {

    static final String PATH = "/api/v2/users";
    static final String SEARCH_PATH = "/api/v2/users/search";
    /** GET /api/v2/users: default and largest page. */
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 500;
    /** POST /api/v2/users/search: the largest page. */
    static final int MAX_SEARCH_PAGE_SIZE = 100;
    private static final Set<String> SEARCH_FIELDS = Set.of("id", "name", "email", "username", "employerInfo.employeeId");

    private final DirectoryGuard guard;
    private final OrgUsers users;
    private final GenesysJson json;

    UsersEndpoint(DirectoryGuard guard, OrgUsers users, GenesysJson json) {
        this.guard = guard;
        this.users = users;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange);
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean list = PATH.equals(path);
        if (!list && !SEARCH_PATH.equals(path)) {
            Exchanges.send(exchange, json.error(404, "not.found", "No such resource", null));
            return;
        }
        if (!(list ? "GET" : "POST").equalsIgnoreCase(method)) {
            Exchanges.send(exchange, json.error(405, "method.not.allowed", (list ? "GET" : "POST") + " is required", null));
            return;
        }
        Optional<SimResponse> refused = guard.refusal(exchange.getRequestHeaders().getFirst("Authorization"));
        if (refused.isPresent()) {
            Exchanges.send(exchange, refused.get());
            return;
        }
        Exchanges.send(exchange, list ? list(query(exchange.getRequestURI().getRawQuery())) : search(body));
    }

    private SimResponse list(Map<String, List<String>> query) {
        int pageSize;
        int pageNumber;
        try {
            pageSize = number(query, "pageSize", DEFAULT_PAGE_SIZE);
            pageNumber = number(query, "pageNumber", 1);
        } catch (NumberFormatException e) {
            return json.error(400, "bad.request", "pageSize and pageNumber must be whole numbers", null);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || pageNumber < 1) {
            return json.error(400, "bad.request", "pageSize must be between 1 and " + MAX_PAGE_SIZE
                    + " and pageNumber at least 1", null);
        }
        boolean employerInfo = expands(query.getOrDefault("expand", List.of()));
        String state = first(query, "state", "active");
        List<OrgUser> all = "active".equals(state) || "any".equals(state) ? users.all() : List.of();
        int pageCount = (all.size() + pageSize - 1) / pageSize;
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("entities", page(all, pageSize, pageNumber).stream().map(user -> user(user, employerInfo)).toList());
        listing.put("pageSize", pageSize);
        listing.put("pageNumber", pageNumber);
        listing.put("total", all.size());
        listing.put("firstUri", uri(pageSize, 1));
        listing.put("selfUri", uri(pageSize, pageNumber));
        listing.put("lastUri", uri(pageSize, Math.max(pageCount, 1)));
        if (pageNumber < pageCount) {
            listing.put("nextUri", uri(pageSize, pageNumber + 1));
        }
        if (pageNumber > 1) {
            listing.put("previousUri", uri(pageSize, pageNumber - 1));
        }
        listing.put("pageCount", pageCount);
        return SimResponse.json(200, json.bytes(listing));
    }

    private SimResponse search(byte[] body) {
        JsonNode request;
        try {
            request = json.mapper().readTree(body);
        } catch (IOException e) {
            return json.error(400, "bad.request", "the body is not JSON", null);
        }
        if (request == null || !request.isObject()) {
            return json.error(400, "bad.request", "the body must be a UserSearchRequest object", null);
        }
        int pageSize = request.path("pageSize").asInt(DEFAULT_PAGE_SIZE);
        int pageNumber = request.path("pageNumber").asInt(1);
        if (pageSize < 1 || pageSize > MAX_SEARCH_PAGE_SIZE || pageNumber < 1) {
            return json.error(400, "bad.request", "pageSize must be between 1 and " + MAX_SEARCH_PAGE_SIZE
                    + " and pageNumber at least 1", null);
        }
        Predicate<OrgUser> matches = user -> true;
        for (JsonNode criterion : request.path("query")) {
            Optional<Predicate<OrgUser>> test = criterion(criterion);
            if (test.isEmpty()) {
                return json.error(400, "bad.request", "the sandbox simulates EXACT, STARTS_WITH and CONTAINS criteria on "
                        + SEARCH_FIELDS + " with a value or values, not " + criterion, null);
            }
            matches = matches.and(test.get());
        }
        List<String> expand = new ArrayList<>();
        request.path("expand").forEach(item -> expand.add(item.asText()));
        boolean employerInfo = expands(expand);
        List<OrgUser> found = users.all().stream().filter(matches).toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("total", found.size());
        response.put("pageCount", (found.size() + pageSize - 1) / pageSize);
        response.put("pageSize", pageSize);
        response.put("pageNumber", pageNumber);
        response.put("types", List.of("users"));
        response.put("results", page(found, pageSize, pageNumber).stream().map(user -> user(user, employerInfo)).toList());
        return SimResponse.json(200, json.bytes(response));
    }

    private static Optional<Predicate<OrgUser>> criterion(JsonNode criterion) {
        String type = criterion.path("type").asText("");
        List<String> fields = new ArrayList<>();
        criterion.path("fields").forEach(field -> fields.add(field.asText()));
        List<String> values = new ArrayList<>();
        if (criterion.path("value").isTextual()) {
            values.add(criterion.path("value").asText());
        }
        criterion.path("values").forEach(value -> values.add(value.asText()));
        if (fields.isEmpty() || values.isEmpty() || !SEARCH_FIELDS.containsAll(fields)
                || !Set.of("EXACT", "STARTS_WITH", "CONTAINS").contains(type)) {
            return Optional.empty();
        }
        List<String> wanted = values.stream().map(value -> value.toLowerCase(Locale.ROOT)).toList();
        return Optional.of(user -> fields.stream().map(field -> field(user, field)).filter(value -> value != null)
                .map(value -> value.toLowerCase(Locale.ROOT)).anyMatch(value -> wanted.stream().anyMatch(w -> switch (type) {
                    case "EXACT" -> value.equals(w);
                    case "STARTS_WITH" -> value.startsWith(w);
                    default -> value.contains(w);
                })));
    }

    private static String field(OrgUser user, String field) {
        return switch (field) {
            case "id" -> user.id();
            case "name" -> user.name();
            case "email" -> user.email();
            case "username" -> user.username();
            default -> user.employeeId();
        };
    }

    /** A user as Genesys Cloud lists it; {@code employerInfo} only when expanded. */
    private static Map<String, Object> user(OrgUser user, boolean employerInfo) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", user.id());
        entity.put("name", user.name());
        entity.put("division", Map.of("id", OrgPresences.HOME_DIVISION, "name", "Home",
                "selfUri", "/api/v2/authorization/divisions/" + OrgPresences.HOME_DIVISION));
        if (user.email() != null) {
            entity.put("email", user.email());
        }
        entity.put("state", "active");
        if (user.username() != null) {
            entity.put("username", user.username());
        }
        entity.put("version", 1);
        if (employerInfo && user.employeeId() != null) {
            entity.put("employerInfo", Map.of("employeeId", user.employeeId()));
        }
        entity.put("acdAutoAnswer", false);
        entity.put("selfUri", PATH + "/" + user.id());
        return entity;
    }

    private static <T> List<T> page(List<T> all, int pageSize, int pageNumber) {
        long from = (long) (pageNumber - 1) * pageSize;
        return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + pageSize));
    }

    private static boolean expands(List<String> expand) {
        return expand.stream().flatMap(item -> List.of(item.split(",")).stream()).map(String::trim)
                .anyMatch("employerInfo"::equals);
    }

    private static String uri(int pageSize, int pageNumber) {
        return PATH + "?pageSize=" + pageSize + "&pageNumber=" + pageNumber;
    }

    private static int number(Map<String, List<String>> query, String name, int fallback) {
        String value = first(query, name, null);
        return value == null ? fallback : Integer.parseInt(value.trim());
    }

    private static String first(Map<String, List<String>> query, String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }
}

package org.wfmagentsync.genesys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wfmagentsync.model.DirectoryUser;
import org.wfmagentsync.model.PresenceDefinition;

/**
 * Genesys Cloud's directory answers, read as the official SDK's models shape them: a page of
 * {@code GET /api/v2/users} ({@code UserEntityListing} of {@code User}: the employee id is
 * {@code employerInfo.employeeId}, present only with {@code expand=employerInfo}) and
 * {@code GET /api/v2/presence/definitions} ({@code {total, entities[OrganizationPresenceDefinition]}}).
 * An entry without an id is skipped, a value longer than {@link #LONGEST} characters is taken as absent
 * (no mapping names one), and an answer of another shape is refused saying what it lacks.
 */
public final class DirectoryJson {

    /** The longest name, email, username, employee id or label kept (the state database's columns). */
    public static final int LONGEST = 1000;

    /** One page of users, and whether another follows. */
    public record UsersPage(List<DirectoryUser> users, int pageNumber, int pageCount, long total, boolean more) {

        public UsersPage {
            users = List.copyOf(users);
        }
    }

    private final ObjectMapper json;

    public DirectoryJson(ObjectMapper json) {
        this.json = json;
    }

    /** The query of a users page: its size and number, with the employee ids ({@code expand=employerInfo}). */
    public static String usersQuery(int pageSize, int pageNumber) {
        return "pageSize=" + pageSize + "&pageNumber=" + pageNumber + "&expand=employerInfo";
    }

    /** A page of {@code GET /api/v2/users}; refused ({@link IllegalArgumentException}) when it is no {@code UserEntityListing}. */
    public UsersPage usersPage(String body) {
        JsonNode page = object(body, "a page of users (UserEntityListing)");
        JsonNode entities = page.get("entities");
        if (entities == null || !entities.isArray()) {
            throw new IllegalArgumentException("the answer is not a page of users (UserEntityListing): it has no"
                    + " 'entities' list");
        }
        List<DirectoryUser> users = new ArrayList<>();
        for (JsonNode entity : entities) {
            String id = text(entity.get("id"));
            if (id != null) {
                users.add(new DirectoryUser(id, text(entity.get("name")), text(entity.get("email")),
                        text(entity.get("username")), text(entity.path("employerInfo").get("employeeId"))));
            }
        }
        int pageNumber = page.path("pageNumber").asInt(1);
        int pageCount = page.path("pageCount").asInt(0);
        boolean more = !users.isEmpty() && (pageCount > 0 ? pageNumber < pageCount : text(page.get("nextUri")) != null);
        return new UsersPage(users, pageNumber, pageCount, page.path("total").asLong(users.size()), more);
    }

    /** The definitions of {@code GET /api/v2/presence/definitions}; refused when the answer has no {@code entities} list. */
    public List<PresenceDefinition> presenceDefinitions(String body) {
        JsonNode listing = object(body, "a list of presence definitions");
        JsonNode entities = listing.get("entities");
        if (entities == null || !entities.isArray()) {
            throw new IllegalArgumentException("the answer is not a list of presence definitions: it has no 'entities'"
                    + " list");
        }
        List<PresenceDefinition> definitions = new ArrayList<>();
        for (JsonNode entity : entities) {
            String id = text(entity.get("id"));
            if (id == null) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            entity.path("languageLabels").fields().forEachRemaining(label -> {
                String value = text(label.getValue());
                if (value != null && label.getKey().length() <= 40) {
                    labels.put(label.getKey(), value);
                }
            });
            definitions.add(new PresenceDefinition(id, text(entity.get("name")), text(entity.get("type")), labels,
                    text(entity.get("systemPresence")), entity.path("deactivated").asBoolean(false)));
        }
        return definitions;
    }

    /**
     * What an error answer says, from Genesys Cloud's {@code ErrorBody}: {@code code: message}, either
     * alone, or the body itself, quoted, when it is no ErrorBody; null for an empty body. Someone else's
     * text: the caller makes it one bounded line.
     */
    public String errorSummary(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode error;
        try {
            error = json.readTree(body);
        } catch (JsonProcessingException notJson) {
            error = null;
        }
        String code = error == null ? null : text(error.get("code"));
        String message = error == null ? null : text(error.get("message"));
        if (code == null && message == null) {
            return "'" + body + "'";
        }
        return code == null ? message : message == null ? code : code + ": " + message;
    }

    private JsonNode object(String body, String what) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not JSON, so not " + what, e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the answer is not " + what + ": "
                    + (node == null ? "an empty body" : "not a JSON object"));
        }
        return node;
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() || value.length() > LONGEST ? null : value;
    }
}

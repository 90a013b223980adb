package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The org's directory as the sandbox serves it: paged users, user search, presence definitions. */
@Timeout(60)
class GenesysDirectoryTest {

    private final TestHttp http = new TestHttp();
    private GenesysSimulator genesys;
    private String token;

    @AfterEach
    void stop() {
        if (genesys != null) {
            genesys.close();
        }
    }

    private void start(int agents) {
        genesys = new GenesysSimulator(SandboxSettings.builder().legacyAgents(agents).noLatency().build()).start();
        token = http.token(genesys);
    }

    private JsonNode get(String pathAndQuery) {
        HttpResponse<String> response = http.get(genesys, token, pathAndQuery);
        assertEquals(200, response.statusCode(), response.body());
        return TestHttp.json(response);
    }

    @Test
    void usersArePagedWithEmailUsernameAndTheEmployeeIdWhenExpanded() {
        start(7);
        JsonNode first = get("/api/v2/users?pageSize=3&pageNumber=1&expand=employerInfo");
        assertEquals(7, first.get("total").asInt());
        assertEquals(3, first.get("pageCount").asInt());
        assertEquals("/api/v2/users?pageSize=3&pageNumber=2", first.get("nextUri").asText());
        JsonNode user = first.get("entities").get(0);
        assertEquals(SandboxUsers.userIdOf("A0001"), user.get("id").asText());
        assertEquals("a0001@sandbox.example.com", user.get("email").asText());
        assertEquals("agent.a0001@sandbox.example.com", user.get("username").asText());
        assertEquals("E0001", user.at("/employerInfo/employeeId").asText());
        assertEquals("active", user.get("state").asText());

        JsonNode last = get("/api/v2/users?pageSize=3&pageNumber=3");
        assertEquals(1, last.get("entities").size());
        assertFalse(last.has("nextUri"));
        assertFalse(last.get("entities").get(0).has("employerInfo"), "employerInfo only when expanded");
        assertEquals(0, get("/api/v2/users?pageSize=3&pageNumber=4").get("entities").size());
        assertEquals(400, http.get(genesys, token, "/api/v2/users?pageSize=501").statusCode());
    }

    @Test
    void aUserAddedLaterIsListedAndARemovedOneIsNotAndItsEventsAreRefused() {
        start(3);
        genesys.addUser(new OrgUser("0b7e2c1a-5b8e-4b59-9c1e-2f0a6f1e9d11", "New Hire", "new.hire@sandbox.example.com",
                "new.hire@sandbox.example.com", "E9001"));
        assertTrue(genesys.removeUser(SandboxUsers.userIdOf("A0002")));
        List<String> emails = new ArrayList<>();
        get("/api/v2/users?pageSize=25").get("entities").forEach(user -> emails.add(user.get("email").asText()));
        assertEquals(List.of("a0001@sandbox.example.com", "a0003@sandbox.example.com", "new.hire@sandbox.example.com"),
                emails);

        JsonNode errors = TestHttp.json(http.postPresence(genesys, token, TestHttp.batch(TestHttp.event("e1",
                "2026-11-25T12:00:00Z", SandboxUsers.userIdOf("A0002"), PresenceDefinitions.AVAILABLE)))).get("errors");
        assertEquals("user not found: " + SandboxUsers.userIdOf("A0002"), errors.get(0).get("message").asText());
        assertFalse(errors.get(0).get("retryable").asBoolean());

        // a user added with an agent's user id replaces it: listed once, with its new email, and its events taken
        genesys.addUser(new OrgUser(SandboxUsers.userIdOf("A0002"), "Agent A0002", "renamed@sandbox.example.com", null,
                null));
        List<String> after = new ArrayList<>();
        get("/api/v2/users?pageSize=25").get("entities").forEach(user -> after.add(user.get("email").asText()));
        assertEquals(List.of("a0001@sandbox.example.com", "a0003@sandbox.example.com", "new.hire@sandbox.example.com",
                "renamed@sandbox.example.com"), after);
        assertEquals(0, TestHttp.json(http.postPresence(genesys, token, TestHttp.batch(TestHttp.event("e2",
                "2026-11-25T12:00:00Z", SandboxUsers.userIdOf("A0002"), PresenceDefinitions.AVAILABLE)))).get("errors")
                .size());
    }

    @Test
    void theSearchFindsUsersByEmailAndByEmployeeId() {
        start(20);
        HttpResponse<String> response = http.post(genesys, token, "/api/v2/users/search", "{\"pageSize\":25,"
                + "\"pageNumber\":1,\"expand\":[\"employerInfo\"],\"query\":[{\"type\":\"EXACT\",\"fields\":[\"email\"],"
                + "\"values\":[\"A0004@sandbox.example.com\",\"a0009@sandbox.example.com\"]}]}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode found = TestHttp.json(response);
        assertEquals(2, found.get("total").asInt());
        assertEquals("E0004", found.at("/results/0/employerInfo/employeeId").asText());
        assertEquals(SandboxUsers.userIdOf("A0009"), found.at("/results/1/id").asText());

        JsonNode byEmployee = TestHttp.json(http.post(genesys, token, "/api/v2/users/search", "{\"query\":[{\"type\":"
                + "\"EXACT\",\"fields\":[\"employerInfo.employeeId\"],\"value\":\"E0017\"}]}"));
        assertEquals(SandboxUsers.userIdOf("A0017"), byEmployee.at("/results/0/id").asText());
        assertEquals(400, http.post(genesys, token, "/api/v2/users/search", "{\"query\":[{\"type\":\"REGEX\","
                + "\"fields\":[\"email\"],\"value\":\".*\"}]}").statusCode());
    }

    @Test
    void presenceDefinitionsListSystemAndTheOrgsOwnAndTheDeactivatedOnlyWhenAsked() {
        start(1);
        JsonNode active = get("/api/v2/presence/definitions");
        assertEquals(13, active.get("total").asInt());
        assertEquals(13, active.get("entities").size());
        JsonNode onQueue = find(active, PresenceDefinitions.ON_QUEUE);
        assertEquals("System", onQueue.get("type").asText());
        assertEquals("OnQueue", onQueue.get("systemPresence").asText());
        assertEquals("On Queue", onQueue.at("/languageLabels/en_US").asText());
        JsonNode lunch = find(active, OrgPresences.LUNCH);
        assertEquals("User", lunch.get("type").asText());
        assertEquals("Meal", lunch.get("systemPresence").asText());
        assertEquals("D\u00e9jeuner", lunch.at("/languageLabels/fr").asText());
        assertFalse(lunch.get("deactivated").asBoolean());

        JsonNode deactivated = get("/api/v2/presence/definitions?deactivated=true");
        assertEquals(1, deactivated.get("total").asInt());
        assertEquals(OrgPresences.SMOKE_BREAK, deactivated.at("/entities/0/id").asText());
        assertTrue(deactivated.at("/entities/0/deactivated").asBoolean());

        JsonNode refused = TestHttp.json(http.postPresence(genesys, token, TestHttp.batch(TestHttp.event("e1",
                "2026-11-25T12:00:00Z", "u1", OrgPresences.SMOKE_BREAK), TestHttp.event("e2", "2026-11-25T12:00:00Z",
                "u2", OrgPresences.LUNCH)))).get("errors");
        assertEquals(1, refused.size(), refused.toString());
        assertEquals("presenceDefinitionId " + OrgPresences.SMOKE_BREAK + " is deactivated",
                refused.get(0).get("message").asText());
    }

    @Test
    void theDirectoryNeedsATokenAndCanBeDown() {
        start(2);
        assertEquals(401, http.get(genesys, null, "/api/v2/users").statusCode());
        genesys.setDirectoryDown(true);
        assertEquals(503, http.get(genesys, token, "/api/v2/users").statusCode());
        assertEquals(503, http.get(genesys, token, "/api/v2/presence/definitions").statusCode());
        genesys.setDirectoryDown(false);
        assertEquals(200, http.get(genesys, token, "/api/v2/users").statusCode());
        assertEquals(4, genesys.directoryRequests());
        assertEquals(0, genesys.counters().requests(), "the presence counters count presence requests only");
    }

    private static JsonNode find(JsonNode listing, String id) {
        for (JsonNode entity : listing.get("entities")) {
            if (id.equals(entity.get("id").asText())) {
                return entity;
            }
        }
        throw new AssertionError("no definition " + id + " in " + listing);
    }
}

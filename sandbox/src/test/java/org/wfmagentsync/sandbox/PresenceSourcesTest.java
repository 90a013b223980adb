package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The presence sources API over real HTTP: the org's one external source, the 409 beyond, permissions. */
@Timeout(60)
class PresenceSourcesTest {

    private static final String SOURCE = SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID;

    private final TestHttp http = new TestHttp();
    private final GenesysSimulator genesys = new GenesysSimulator(SandboxSettings.builder().noLatency()
            .windowMode(WindowMode.OFF).build()).start();
    private final String token = http.token(genesys);

    @AfterEach
    void stop() {
        genesys.close();
    }

    @Test
    void the_org_starts_with_its_configured_source_listed_and_readable_by_id() {
        HttpResponse<String> listed = http.sources(genesys, token, "GET", "", null);

        assertEquals(200, listed.statusCode());
        JsonNode listing = TestHttp.json(listed);
        assertEquals(1, listing.get("total").asInt());
        assertEquals("/api/v2/presence/sources", listing.get("selfUri").asText());
        JsonNode source = listing.get("entities").get(0);
        assertEquals(SOURCE, source.get("id").asText());
        assertEquals("wfm-agent-sync", source.get("name").asText());
        assertFalse(source.get("deactivated").asBoolean());
        assertEquals("/api/v2/presence/sources/" + SOURCE, source.get("selfUri").asText());

        HttpResponse<String> one = http.sources(genesys, token, "GET", "/" + SOURCE, null);
        assertEquals(200, one.statusCode());
        assertEquals(source, TestHttp.json(one));
    }

    @Test
    void a_second_active_source_is_refused_until_the_first_is_deactivated() {
        HttpResponse<String> second = http.sources(genesys, token, "POST", "", "{\"name\":\"Legacy ACD\"}");
        assertEquals(409, second.statusCode());
        JsonNode error = TestHttp.json(second);
        assertEquals("presenceservice.source.toomanyactivesources", error.get("code").asText());
        assertEquals(409, error.get("status").asInt());

        assertEquals(200, http.sources(genesys, token, "PUT", "/" + SOURCE, "{\"deactivated\":true}").statusCode());
        HttpResponse<String> created = http.sources(genesys, token, "POST", "",
                "{\"name\":\"Legacy ACD\",\"description\":\"agent status from the ACD\"}");

        assertEquals(200, created.statusCode());
        JsonNode source = TestHttp.json(created);
        assertEquals("Legacy ACD", source.get("name").asText());
        assertEquals("agent status from the ACD", source.get("description").asText());
        assertFalse(source.get("deactivated").asBoolean());
        assertEquals(List.of("Legacy ACD"), names(http.sources(genesys, token, "GET", "", null)),
                "the default lists the active sources");
        assertEquals(List.of("wfm-agent-sync", "Legacy ACD"),
                names(http.sources(genesys, token, "GET", "?deactivated=true", null)));
        assertEquals(409, http.sources(genesys, token, "PUT", "/" + SOURCE, "{\"deactivated\":false}").statusCode(),
                "reactivating the first would make two");
    }

    @Test
    void events_must_name_an_active_source_of_the_org() {
        genesys.deactivatePresenceSource(SOURCE);
        String created = TestHttp.json(http.sources(genesys, token, "POST", "", "{\"name\":\"Legacy ACD\"}"))
                .get("id").asText();
        String user = SandboxUsers.userIdOf("A0001");

        HttpResponse<String> old = http.postPresence(genesys, token, TestHttp.batch(TestHttp.event(
                "00000000-0000-0000-0000-000000000001", "2026-11-25T12:00:00Z", user, SOURCE, PresenceDefinitions.AVAILABLE)));
        HttpResponse<String> fresh = http.postPresence(genesys, token, TestHttp.batch(TestHttp.event(
                "00000000-0000-0000-0000-000000000002", "2026-11-25T12:00:00Z", user, created, PresenceDefinitions.AVAILABLE)));

        assertTrue(old.body().contains("is not a presence source of this organization"), old.body());
        assertEquals("{\"errors\":[]}", fresh.body());
        assertEquals(PresenceDefinitions.AVAILABLE, genesys.presenceOf(user).orElseThrow().presenceDefinitionId());
    }

    @Test
    void bad_requests_unknown_sources_and_missing_tokens_get_the_api_s_errors() {
        assertEquals(400, http.sources(genesys, token, "POST", "", "{\"description\":\"no name\"}").statusCode());
        assertEquals(400, http.sources(genesys, token, "POST", "", "not json").statusCode());
        HttpResponse<String> unknown = http.sources(genesys, token, "GET", "/6f1c2a40-0000-4000-8000-000000000000", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("not.found", TestHttp.json(unknown).get("code").asText());
        assertEquals(401, http.sources(genesys, null, "GET", "", null).statusCode());
        assertEquals(405, http.sources(genesys, token, "DELETE", "/" + SOURCE, null).statusCode());
    }

    @Test
    void a_permission_the_role_lacks_gets_403_naming_it_and_the_rest_still_works() {
        genesys.denyPermission("presence:source:add");

        HttpResponse<String> refused = http.sources(genesys, token, "POST", "", "{\"name\":\"Legacy ACD\"}");

        assertEquals(403, refused.statusCode());
        assertTrue(TestHttp.json(refused).get("message").asText().contains("presence:source:add"), refused.body());
        assertEquals(200, http.sources(genesys, token, "GET", "", null).statusCode());

        genesys.denyPermission("presence:source:view");
        assertEquals(403, http.sources(genesys, token, "GET", "/" + SOURCE, null).statusCode());
        genesys.grantAllPermissions();
        assertEquals(200, http.sources(genesys, token, "GET", "/" + SOURCE, null).statusCode());
    }

    private static List<String> names(HttpResponse<String> listing) {
        return StreamSupport.stream(TestHttp.json(listing).get("entities").spliterator(), false)
                .map(source -> source.get("name").asText()).toList();
    }
}

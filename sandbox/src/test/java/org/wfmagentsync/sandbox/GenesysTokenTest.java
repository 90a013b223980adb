package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GenesysTokenTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:10Z"));
    private final TestHttp http = new TestHttp();
    private final GenesysSimulator genesys = new GenesysSimulator(SandboxSettings.builder()
            .noLatency().tokenTtlSeconds(300).windowMode(WindowMode.OFF).build(), clock).start();
    private final String probe = TestHttp.probe();

    @AfterEach
    void stop() {
        genesys.close();
    }

    @Test
    void issuesBearerTokensForTheConfiguredClient() {
        HttpResponse<String> response = http.postToken(genesys, "sandbox-client", "sandbox-secret",
                "grant_type=client_credentials");
        assertEquals(200, response.statusCode());
        JsonNode body = TestHttp.json(response);
        assertEquals("bearer", body.get("token_type").asText());
        assertEquals(300, body.get("expires_in").asLong());
        String token = body.get("access_token").asText();
        assertTrue(token.length() >= 32, token);
        assertNotEquals(token, http.token(genesys), "each grant gives a new token");
        assertEquals(2, genesys.counters().tokensIssued());

        HttpResponse<String> presence = http.postPresence(genesys, token, probe);
        assertEquals(200, presence.statusCode());
        assertEquals("{\"errors\":[]}", presence.body());
    }

    @Test
    void refusesBadClientsAndGrants() {
        HttpResponse<String> wrongSecret = http.postToken(genesys, "sandbox-client", "nope",
                "grant_type=client_credentials");
        assertEquals(401, wrongSecret.statusCode());
        JsonNode error = TestHttp.json(wrongSecret);
        assertEquals("invalid_client", error.get("error").asText());
        assertTrue(error.has("description"));
        assertTrue(error.has("error_description"));

        HttpResponse<String> wrongGrant = http.postToken(genesys, "sandbox-client", "sandbox-secret",
                "grant_type=password");
        assertEquals(400, wrongGrant.statusCode());
        assertEquals("unsupported_grant_type", TestHttp.json(wrongGrant).get("error").asText());

        genesys.setTokenEndpointDown(true);
        assertEquals(503, http.postToken(genesys, "sandbox-client", "sandbox-secret",
                "grant_type=client_credentials").statusCode());
        genesys.setTokenEndpointDown(false);
        assertEquals(200, http.postToken(genesys, "sandbox-client", "sandbox-secret",
                "grant_type=client_credentials").statusCode());
        assertEquals(3, genesys.counters().tokenRejections());
        assertEquals(1, genesys.counters().tokensIssued());
    }

    @Test
    void tokensExpireByTheClockAndCanBeRevoked() {
        String token = http.token(genesys);
        clock.advance(Duration.ofSeconds(299));
        assertEquals(200, http.postPresence(genesys, token, probe).statusCode());

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = http.postPresence(genesys, token, probe);
        assertEquals(401, expired.statusCode());
        JsonNode body = TestHttp.json(expired);
        assertEquals("credentials.expired", body.get("code").asText());
        assertEquals(401, body.get("status").asInt());
        assertEquals(expired.headers().firstValue("ININ-Correlation-Id").orElseThrow(), body.get("contextId").asText());
        assertTrue(body.get("details").isArray() && body.get("errors").isArray());

        String fresh = http.token(genesys);
        assertEquals(200, http.postPresence(genesys, fresh, probe).statusCode());
        genesys.revokeAllTokens();
        HttpResponse<String> revoked = http.postPresence(genesys, fresh, probe);
        assertEquals(401, revoked.statusCode());
        assertEquals("authentication.required", TestHttp.json(revoked).get("code").asText());

        assertEquals("authentication.required",
                TestHttp.json(http.postPresence(genesys, null, probe)).get("code").asText());
        assertEquals("authentication.required",
                TestHttp.json(http.postPresence(genesys, "made-up", probe)).get("code").asText());
        assertEquals(4, genesys.counters().status(401));
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replay and discard are never open to anyone who can reach the port without the configured token. */
class ApiAccessTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void with_a_token_configured_every_api_call_needs_it() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of("wfm.api.token", "t0ken-for-test"))) {
            String base = "http://127.0.0.1:" + harness.property("camel.management.port");

            HttpResponse<String> without = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters/1/discard"))
                    .header("Authorization", "Bearer guess").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters"))
                    .header("Authorization", "Bearer t0ken-for-test").build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(401, without.statusCode());
            assertTrue(without.body().contains("Authorization: Bearer"), without.body());
            assertEquals(401, wrong.statusCode());
            assertEquals(200, right.statusCode(), right.body());
        }
    }

    @Test
    void exposing_the_port_beyond_loopback_without_a_token_is_refused_at_start() {
        Exception refused = assertThrows(Exception.class, () -> ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of("camel.management.host", "0.0.0.0")).close());

        String message = FullSyncTest.rootMessage(refused);
        assertTrue(message.contains("not loopback") && message.contains("WFM_API_TOKEN"), message);
    }
}

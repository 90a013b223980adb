package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Real HTTP over loopback for the sandbox tests, plus small JSON builders. */
final class TestHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    }

    HttpResponse<String> postToken(GenesysSimulator sim, String clientId, String secret, String form) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(sim.tokenUrl())).timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A fresh access token with the simulator's own credentials. */
    String token(GenesysSimulator sim) {
        HttpResponse<String> response = postToken(sim, sim.settings().clientId(), sim.settings().clientSecret(),
                "grant_type=client_credentials");
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> postPresence(GenesysSimulator sim, String token, String body) {
        return send(presenceRequest(sim, token, body));
    }

    CompletableFuture<HttpResponse<String>> postPresenceAsync(GenesysSimulator sim, String token, String body) {
        return http.sendAsync(presenceRequest(sim, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest presenceRequest(GenesysSimulator sim, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.presenceUrl())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** A call to the presence sources API ({@code path} below {@code /api/v2/presence/sources}); body null for none. */
    HttpResponse<String> sources(GenesysSimulator sim, String token, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v2/presence/sources" + path))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** One presence event as JSON. */
    static String event(String eventId, String eventDateTime, String userId, String sourceId, String definitionId) {
        return "{\"eventId\":\"" + eventId + "\",\"eventDateTime\":\"" + eventDateTime + "\",\"userId\":\"" + userId
                + "\",\"sourceId\":\"" + sourceId + "\",\"presenceDefinitionId\":\"" + definitionId
                + "\",\"message\":\"sandbox test\"}";
    }

    /** A valid event for the default source. */
    static String event(String eventId, String eventDateTime, String userId, String definitionId) {
        return event(eventId, eventDateTime, userId, SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID, definitionId);
    }

    static String batch(List<String> events) {
        return events.stream().collect(Collectors.joining(",", "{\"userPresenceEvents\":[", "]}"));
    }

    static String batch(String... events) {
        return batch(List.of(events));
    }
}

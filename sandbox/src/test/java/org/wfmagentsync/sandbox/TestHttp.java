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

    /** A GET of an API path with a bearer token (none when null). */
    HttpResponse<String> get(GenesysSimulator sim, String token, String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery)).timeout(TIMEOUT).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build());
    }

    /** A POST of JSON to an API path with a bearer token. */
    HttpResponse<String> post(GenesysSimulator sim, String token, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
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

    HttpResponse<String> postRoutingStatus(GenesysSimulator sim, String token, String body) {
        return send(eventRequest(sim.routingStatusUrl(), token, body));
    }

    CompletableFuture<HttpResponse<String>> postRoutingStatusAsync(GenesysSimulator sim, String token, String body) {
        return http.sendAsync(eventRequest(sim.routingStatusUrl(), token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest presenceRequest(GenesysSimulator sim, String token, String body) {
        return eventRequest(sim.presenceUrl(), token, body);
    }

    private static HttpRequest eventRequest(String url, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
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

    /** One routing-status event as JSON ({@code agentId} is the Genesys user). */
    static String routingEvent(String eventId, String eventDateTime, String userId, String status) {
        return "{\"eventId\":\"" + eventId + "\",\"eventDateTime\":\"" + eventDateTime + "\",\"agentId\":\"" + userId
                + "\",\"status\":\"" + status + "\",\"sourceId\":\"" + SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID + "\"}";
    }

    static String routingBatch(List<String> events) {
        return events.stream().collect(Collectors.joining(",", "{\"userRoutingStatusEvents\":[", "]}"));
    }

    static String routingBatch(String... events) {
        return routingBatch(List.of(events));
    }

    static String batch(List<String> events) {
        return events.stream().collect(Collectors.joining(",", "{\"userPresenceEvents\":[", "]}"));
    }

    static String batch(String... events) {
        return batch(List.of(events));
    }

    private static final java.util.concurrent.atomic.AtomicLong PROBES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A valid batch of one event with an id of its own, for a test about limits or tokens rather than
     * events (an empty batch gets 400 zero.events.submitted, as from the API).
     */
    static String probe() {
        return batch(event("probe-" + PROBES.incrementAndGet(), "2026-11-25T12:00:00Z", "probe-user",
                PresenceDefinitions.AVAILABLE));
    }
}

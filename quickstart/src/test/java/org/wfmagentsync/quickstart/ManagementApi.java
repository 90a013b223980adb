package org.wfmagentsync.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A connector's management port as these tests see it: a free port to give the connector, and its
 * runs through {@code GET /api/runs}, the operators' API, rather than the connector's classes.
 */
final class ManagementApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ManagementApi(int port) {
        this.port = port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The latest run once it has ended (a run is kept as RUNNING from its start), waiting at most {@code bound}. */
    JsonNode awaitFinishedRun(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Optional<JsonNode> run = latestRun().filter(r -> !"RUNNING".equals(r.path("outcome").asText()));
            if (run.isPresent()) {
                return run.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no finished run on port " + port + " within " + bound.toMillis() + " ms");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for a finished run", e);
            }
        }
    }

    /** The latest run, or empty while there is none or the port does not answer yet. */
    Optional<JsonNode> latestRun() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/runs?limit=1")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode items = JSON.readTree(response.body()).path("items");
            return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted calling the connector", e);
        }
    }
}

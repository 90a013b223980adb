package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The connector's management port over real HTTP, as tests call it: the API's JSON answers, which must be 200.
 * HTTP/1.1 (the JDK client's default, HTTP/2, first asks the server to upgrade the connection), and every call
 * bounded: one that gets no answer fails the test instead of holding the build.
 */
final class ManagementApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ManagementApi() {
    }

    static String base(ConnectorHarness harness) {
        return base(port(harness));
    }

    /** The management server's address on loopback, the one place it is written. */
    static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static int port(ConnectorHarness harness) {
        return Integer.parseInt(harness.property("camel.management.port"));
    }

    static JsonNode get(ConnectorHarness harness, String path) throws Exception {
        HttpResponse<String> response = send(harness, "GET", path);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    static JsonNode post(ConnectorHarness harness, String path) throws Exception {
        HttpResponse<String> response = send(harness, "POST", path);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> send(ConnectorHarness harness, String method, String path)
            throws IOException, InterruptedException {
        return send(port(harness), method, path);
    }

    /** Any status; {@code path} with its query. */
    static HttpResponse<String> send(int port, String method, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(port) + path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}

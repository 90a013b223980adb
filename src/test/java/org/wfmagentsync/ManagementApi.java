package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The connector's management port over real HTTP, as tests call it: the API's JSON answers, which must be 200. */
final class ManagementApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ManagementApi() {
    }

    static String base(ConnectorHarness harness) {
        return "http://127.0.0.1:" + harness.property("camel.management.port");
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
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(harness) + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}

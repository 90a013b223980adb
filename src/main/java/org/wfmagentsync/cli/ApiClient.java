package org.wfmagentsync.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.util.URISupport;

/** Talks to the running connector's REST API, so the command line and the API always give the same answers. */
final class ApiClient {

    /** An answer: HTTP status and body. */
    record Answer(int status, String body) {
    }

    /** The connector could not be reached: not running, or another address. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    Answer get(String path, Map<String, String> parameters) throws Unreachable {
        return send("GET", path, parameters);
    }

    Answer post(String path, Map<String, String> parameters) throws Unreachable {
        return send("POST", path, parameters);
    }

    private Answer send(String method, String path, Map<String, String> parameters) throws Unreachable {
        String query = parameters.entrySet().stream().filter(entry -> entry.getValue() != null)
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new Unreachable("cannot reach the connector at " + URISupport.sanitizeUri(baseUrl)
                    + " (is it running? --url or WFM_API_URL sets the address)");
        } catch (IOException e) {
            throw new Unreachable("talking to the connector at " + URISupport.sanitizeUri(baseUrl) + " failed: "
                    + URISupport.sanitizeUri(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }
}

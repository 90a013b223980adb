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

    /** An answer: HTTP status, body, and on a 401 the {@code WWW-Authenticate} challenge (RFC 6750) saying why. */
    record Answer(int status, String body, String challenge) {

        /** A 401 for a token that was sent but is not the connector's ({@code error="invalid_token"}). */
        boolean tokenRefused() {
            return status == 401 && challenge != null && challenge.contains("invalid_token");
        }
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

    /** Whether a token is sent ({@code WFM_API_TOKEN} is set). */
    boolean sendsToken() {
        return token != null && !token.isEmpty();
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
        if (sendsToken()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(null));
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

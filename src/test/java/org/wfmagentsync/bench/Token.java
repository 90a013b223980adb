package org.wfmagentsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A client-credentials token for the benchmark's own clients (oracle, Camel defaults). */
final class Token {

    private Token() {
    }

    static String fetch(HttpClient http, Target target) throws Exception {
        String basic = Base64.getEncoder().encodeToString((target.clientId() + ":" + target.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(target.loginUrl() + "/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("token request answered " + answer.statusCode());
        }
        return new ObjectMapper().readTree(answer.body()).path("access_token").asText();
    }
}

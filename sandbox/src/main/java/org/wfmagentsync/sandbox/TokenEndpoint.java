package org.wfmagentsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code POST /oauth/token}: the client-credentials grant with HTTP Basic client authentication. */
final class TokenEndpoint implements HttpHandler {

    static final String PATH = "/oauth/token";

    private final GenesysKnobs knobs;
    private final TokenStore tokens;
    private final GenesysMetrics metrics;
    private final GenesysJson json;
    private final Clock clock;

    TokenEndpoint(GenesysKnobs knobs, TokenStore tokens, GenesysMetrics metrics, GenesysJson json, Clock clock) {
        this.knobs = knobs;
        this.tokens = tokens;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange);
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            Exchanges.send(exchange, json.error(404, "not.found", "No such resource", null));
            return;
        }
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            Exchanges.send(exchange, json.oauthError(405, "invalid_request", "POST is required"));
            return;
        }
        SimResponse response = answer(exchange.getRequestHeaders().getFirst("Authorization"),
                new String(body, StandardCharsets.UTF_8));
        if (response.status() != 200) {
            metrics.tokenRejections.increment();
        }
        Exchanges.send(exchange, response);
    }

    private SimResponse answer(String authorization, String form) {
        if (knobs.tokenEndpointDown || knobs.tokenFailures.next().isPresent()) {
            return json.oauthError(503, "temporarily_unavailable", "The login service is unavailable (sandbox)");
        }
        if (!clientAuthenticated(authorization)) {
            return json.oauthError(401, "invalid_client", "client not found or secret does not match");
        }
        String grantType = parseForm(form).get("grant_type");
        if (!"client_credentials".equals(grantType)) {
            return json.oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        String token = tokens.issue(knobs.clientId, knobs.tokenTtlSeconds, clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", knobs.tokenTtlSeconds);
        return SimResponse.json(200, json.bytes(body));
    }

    private boolean clientAuthenticated(String authorization) {
        if (authorization == null || !authorization.trim().toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.trim().substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0
                && knobs.clientId.equals(decoded.substring(0, colon))
                && knobs.clientSecret.equals(decoded.substring(colon + 1));
    }

    private static Map<String, String> parseForm(String form) {
        Map<String, String> values = new HashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                values.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A malformed escape: leave the pair out, so the grant_type check answers 400.
            }
        }
        return values;
    }
}

package org.wfmagentsync.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.metrics.SyncMetrics.TokenOutcome;
import org.wfmagentsync.support.TlsFailure;

/**
 * The client-credentials token: fetched from the login host through the {@code oauth-token} route,
 * reused until shortly before it expires, and dropped when Genesys Cloud answers 401 so the next
 * attempt fetches a fresh one. Neither the client secret nor the token is ever logged.
 */
public class TokenCache {

    /** A token and the generation it belongs to (so a 401 only drops the token that caused it). */
    record Token(String value, Instant refreshAt, long generation) {
        @Override
        public String toString() {
            return "Token[generation=" + generation + ", refreshAt=" + refreshAt + "]";
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    private final String clientId;
    private final String clientSecret;
    private final Duration refreshMargin;
    private final Clock clock;
    private final ObjectMapper json;
    private final ProducerTemplate template;
    private final SyncMetrics metrics;
    private Token token;
    private long generations;

    /**
     * {@code template} sends the token request to the {@code oauth-token} route; {@code metrics} counts
     * each request's outcome.
     */
    public TokenCache(String clientId, String clientSecret, Duration refreshMargin, Clock clock, ObjectMapper json,
            ProducerTemplate template, SyncMetrics metrics) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
        this.json = json;
        this.template = template;
        this.metrics = metrics;
    }

    /** A valid token, fetched or refreshed when needed. */
    public synchronized Token current() {
        if (token == null || !clock.instant().isBefore(token.refreshAt())) {
            token = fetch();
        }
        return token;
    }

    /**
     * Before a push sends anything: a token now, so that a login outage ends the run (nothing sent, the
     * next run sends the same changes) instead of dead-lettering every event. Refused credentials are
     * left to the batches, which keep their events as {@code AUTH_FAILED} for a replay once fixed.
     */
    public void ensureAvailable() {
        try {
            current();
        } catch (AuthenticationFailed refused) {
            LOG.debug("the login host refused the client credentials; the batches will record it");
        }
    }

    /** Forgets the token of this generation after a 401; a newer token is kept. */
    public synchronized void invalidate(long generation) {
        if (token != null && token.generation() == generation) {
            LOG.info("access token rejected by Genesys Cloud; a new one will be fetched");
            token = null;
        }
    }

    /**
     * The {@code Authorization} header of an API call other than the push's (the presence sources, the org's
     * directory): a valid token, fetched when needed.
     */
    public String authorization() {
        return "Bearer " + current().value();
    }

    /** Genesys Cloud answered 401 to a call made with this {@code Authorization} header: that token is dropped, a newer one kept. */
    public synchronized void rejected(String authorization) {
        if (token != null && ("Bearer " + token.value()).equals(authorization)) {
            invalidate(token.generation());
        }
    }

    /** The {@code Authorization} header for the token request. */
    public String basicCredentials() {
        String pair = clientId + ":" + clientSecret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the login host's answer (the {@code oauth-token} route's last step). */
    public JsonNode readTokenResponse(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().removeHeader("Authorization");
        if (status / 100 != 2) {
            String error = errorCode(body);
            String message = "login host answered HTTP " + status + (error == null ? "" : " (" + error + ")")
                    + " to the token request for client id " + clientId;
            throw status == 400 || status == 401 || status == 403
                    ? new AuthenticationFailed(status, message + "; check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET")
                    : new TokenUnavailable(status, message);
        }
        JsonNode answer = json.readTree(body == null ? "" : body);
        if (answer == null || !answer.path("access_token").isTextual()) {
            throw new TokenUnavailable(status, "login host answered without an access_token");
        }
        return answer;
    }

    private Token fetch() {
        try {
            Token fresh = request();
            metrics.tokenRequested(TokenOutcome.SUCCEEDED);
            return fresh;
        } catch (AuthenticationFailed refused) {
            metrics.tokenRequested(TokenOutcome.REFUSED);
            throw refused;
        } catch (RuntimeException unavailable) {
            metrics.tokenRequested(TokenOutcome.UNAVAILABLE);
            throw unavailable;
        }
    }

    private Token request() {
        Exchange answered = template.request("direct:oauth-token", exchange -> { });
        if (answered.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        if (answered.getException() != null) {
            throw new TokenUnavailable(0, TlsFailure.describe(answered.getException(), "Genesys Cloud login host")
                    .orElse("token request failed: " + answered.getException().getMessage()));
        }
        JsonNode answer = answered.getMessage().getBody(JsonNode.class);
        long lifetime = answer.path("expires_in").asLong(300);
        Duration margin = refreshMargin.compareTo(Duration.ofSeconds(lifetime / 2)) > 0
                ? Duration.ofSeconds(lifetime / 2) : refreshMargin;
        Instant refreshAt = clock.instant().plusSeconds(lifetime).minus(margin);
        Token fresh = new Token(answer.get("access_token").asText(), refreshAt, ++generations);
        LOG.info("fetched access token (generation {}, valid {} s)", fresh.generation(), lifetime);
        return fresh;
    }

    private String errorCode(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            return node == null ? null : node.path("error").asText(null);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Why a run stopped, when it was for want of a token: nothing was sent, so nothing is lost. */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TokenUnavailable token) {
                return Optional.of("no access token from the Genesys Cloud login host: " + token.getMessage()
                        + "; nothing was sent, so nothing is lost: the next run tries again");
            }
        }
        return Optional.empty();
    }

    /** The login host refused the client credentials: retrying with the same ones cannot help. */
    public static class AuthenticationFailed extends RuntimeException {
        private final int status;

        AuthenticationFailed(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The login host could not give a token just now (down, 5xx): worth retrying. */
    public static class TokenUnavailable extends RuntimeException {
        private final int status;

        TokenUnavailable(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}

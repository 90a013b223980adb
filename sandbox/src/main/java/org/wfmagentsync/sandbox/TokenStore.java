package org.wfmagentsync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Issued access tokens with their client and expiry; answers whether a bearer header is good now. */
final class TokenStore {

    /** Outcome of checking an Authorization header. */
    enum Verdict { VALID, MISSING, UNKNOWN, EXPIRED }

    /** A verdict and, when valid, the client the token belongs to. */
    record Check(Verdict verdict, String clientId) {
    }

    private record Token(String clientId, Instant expiresAt) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    /** Every token ever issued, revoked ones too: tests look for them where they must never appear. */
    private final List<String> history = new CopyOnWriteArrayList<>();
    private final SeededDraws draws;

    TokenStore(SeededDraws draws) {
        this.draws = draws;
    }

    /** Issues a new opaque token valid for ttl seconds from now. */
    String issue(String clientId, long ttlSeconds, Instant now) {
        long n = issued.incrementAndGet();
        String token = draws.uuid(SeededDraws.Purpose.TOKEN, n).toString().replace("-", "")
                + Long.toHexString(n);
        tokens.put(token, new Token(clientId, now.plusSeconds(ttlSeconds)));
        history.add(token);
        return token;
    }

    List<String> issuedTokens() {
        return List.copyOf(history);
    }

    long issuedCount() {
        return issued.get();
    }

    /** Checks an {@code Authorization: Bearer ...} header value at the instant. */
    Check check(String authorization, Instant now) {
        if (authorization == null || authorization.isBlank()) {
            return new Check(Verdict.MISSING, null);
        }
        String value = authorization.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return new Check(Verdict.MISSING, null);
        }
        Token token = tokens.get(value.substring("bearer ".length()).trim());
        if (token == null) {
            return new Check(Verdict.UNKNOWN, null);
        }
        if (!now.isBefore(token.expiresAt())) {
            return new Check(Verdict.EXPIRED, token.clientId());
        }
        return new Check(Verdict.VALID, token.clientId());
    }

    /** Forgets every token, as an admin revoking the OAuth client's sessions would. */
    void revokeAll() {
        tokens.clear();
    }
}

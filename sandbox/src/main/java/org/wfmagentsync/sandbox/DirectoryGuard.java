package org.wfmagentsync.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the directory endpoints ({@code /api/v2/users}, {@code /api/v2/users/search},
 * {@code /api/v2/presence/definitions}) check before answering, in the order a client meets it: the
 * bearer token, the client's per-minute limit (shared with the presence endpoint, as Genesys Cloud
 * counts every request of a token), the directory being down (503, a test's knob), then its latency
 * (a test's knob, for a directory that is slow).
 */
final class DirectoryGuard {

    private final GenesysKnobs knobs;
    private final Clock clock;
    private final TokenStore tokens;
    private final FixedWindowRateLimiter rateLimiter;
    private final GenesysJson json;
    final AtomicLong requests = new AtomicLong();

    DirectoryGuard(GenesysKnobs knobs, Clock clock, TokenStore tokens, FixedWindowRateLimiter rateLimiter,
            GenesysJson json) {
        this.knobs = knobs;
        this.clock = clock;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.json = json;
    }

    /** The answer that stops this request before it is served, if any. */
    Optional<SimResponse> refusal(String authorization) {
        requests.incrementAndGet();
        TokenStore.Check auth = tokens.check(authorization, clock.instant());
        if (auth.verdict() == TokenStore.Verdict.MISSING || auth.verdict() == TokenStore.Verdict.UNKNOWN) {
            return Optional.of(json.error(401, "authentication.required",
                    "No authentication bearer token specified in authorization header.", null));
        }
        if (auth.verdict() == TokenStore.Verdict.EXPIRED) {
            return Optional.of(json.error(401, "credentials.expired",
                    "The supplied credentials are expired and cannot be used.", null));
        }
        FixedWindowRateLimiter.Decision rate = rateLimiter.tryAcquire(auth.clientId(), knobs.rateLimitPerMinute,
                clock.instant());
        if (!rate.allowed()) {
            return Optional.of(json.error(429, "too.many.requests.retry.after", "Rate limit exceeded the maximum."
                    + " Retry the request in [" + rate.retryAfterSeconds() + "] seconds", null)
                    .withHeader("Retry-After", Long.toString(rate.retryAfterSeconds())));
        }
        if (knobs.directoryDown) {
            return Optional.of(json.error(503, "service.unavailable", "The service is currently unavailable (sandbox).",
                    null));
        }
        long latency = knobs.directoryLatencyMs;
        if (latency > 0) {
            SimulatedWait.pause(Duration.ofMillis(latency));
        }
        return Optional.empty();
    }
}

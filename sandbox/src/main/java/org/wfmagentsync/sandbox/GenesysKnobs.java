package org.wfmagentsync.sandbox;

import java.time.Instant;
import java.util.Set;

/** The Genesys simulator's run-time adjustable behaviour, readable by every request thread. */
final class GenesysKnobs {

    final String clientId;
    final String clientSecret;
    final String presenceSourceId;
    final long tokenTtlSeconds;
    final int maxEventsPerRequest;
    final WindowSchedule schedule;

    volatile int rateLimitPerMinute;
    volatile int concurrentLimit;
    volatile int windowConcurrentLimit;
    volatile WindowMode windowMode;
    volatile double perEventConflictShare;
    volatile double random5xxShare;
    volatile LatencyModel latency;
    /** Null means any userId is accepted. */
    volatile Set<String> knownUsers;
    volatile boolean tokenEndpointDown;
    /** Token requests still to be answered 503, after which the endpoint works again. */
    final Countdown<Boolean> tokenFailures = new Countdown<>();
    /** Presence requests still to be failed below HTTP. */
    final Countdown<ConnectionFault> connectionFaults = new Countdown<>();
    /** While true, the directory endpoints (users, search, presence definitions) answer 503. */
    volatile boolean directoryDown;
    /** Milliseconds each directory request is held before it is answered: a slow directory. */
    volatile long directoryLatencyMs;
    /** The presence request (1-based, counted since start) on whose arrival every token is revoked; 0: never. */
    volatile long revokeTokensAtRequest;
    /** Permissions the OAuth client's role lacks: the endpoints that need one answer 403. */
    volatile Set<String> deniedPermissions = Set.of();

    GenesysKnobs(SandboxSettings settings) {
        clientId = settings.clientId();
        clientSecret = settings.clientSecret();
        presenceSourceId = settings.presenceSourceId();
        tokenTtlSeconds = settings.tokenTtlSeconds();
        maxEventsPerRequest = settings.maxEventsPerRequest();
        schedule = settings.windowSchedule();
        rateLimitPerMinute = settings.rateLimitPerMinute();
        concurrentLimit = settings.concurrentLimit();
        windowConcurrentLimit = settings.windowConcurrentLimit();
        windowMode = settings.windowMode();
        perEventConflictShare = settings.perEventConflictShare();
        random5xxShare = settings.random5xxShare();
        latency = new LatencyModel(settings.latencyMedianMs(), settings.latencySigma());
    }

    /** Whether the schedule-publishing window is active at the instant, given the mode. */
    boolean windowActive(Instant now) {
        return switch (windowMode) {
            case ON -> true;
            case OFF -> false;
            case SCHEDULE -> schedule.contains(now);
        };
    }

    /** The in-flight limit per client in force at the instant. */
    int concurrentLimitAt(Instant now) {
        return windowActive(now) ? windowConcurrentLimit : concurrentLimit;
    }
}

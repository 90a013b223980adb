package org.wfmagentsync.sandbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests per client per fixed one-minute window, like Genesys' per-token rate limit. The windows
 * start when the simulator starts, so every benchmark run meets them in the same phase.
 */
final class FixedWindowRateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private volatile long originMillis;

    FixedWindowRateLimiter(Instant origin) {
        this.originMillis = origin.toEpochMilli();
    }

    /** Starts the windows afresh from {@code origin}, forgetting every count (benchmarks align their phase). */
    synchronized void restart(Instant origin) {
        this.originMillis = origin.toEpochMilli();
        windows.clear();
    }

    Instant origin() {
        return Instant.ofEpochMilli(originMillis);
    }

    /** Allowed, or refused with the whole seconds until the window ends (at least 1). */
    record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private record Window(long index, int count) {
    }

    private final Map<String, Window> windows = new HashMap<>();

    /** Counts the request against the client's current window if it still fits under the limit. */
    synchronized Decision tryAcquire(String clientId, int limitPerMinute, Instant now) {
        long nowMillis = now.toEpochMilli() - originMillis;
        long index = Math.floorDiv(nowMillis, WINDOW_MILLIS);
        Window window = windows.get(clientId);
        int count = window == null || window.index() != index ? 0 : window.count();
        if (count >= limitPerMinute) {
            long remainingMillis = (index + 1) * WINDOW_MILLIS - nowMillis;
            // Round up: telling a client to come back before the window ends would earn it another 429.
            long seconds = Math.max(1, (remainingMillis + 999) / 1000);
            return new Decision(false, seconds);
        }
        windows.put(clientId, new Window(index, count + 1));
        return new Decision(true, 0);
    }
}

package org.wfmagentsync.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts in-flight requests per client and refuses one that would exceed the limit in force. */
final class ConcurrencyGate {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong peak = new AtomicLong();

    /** Takes a slot for the client unless it already holds {@code limit}; pair a true result with release(). */
    boolean tryAcquire(String clientId, int limit) {
        AtomicInteger counter = inFlight.computeIfAbsent(clientId, k -> new AtomicInteger());
        while (true) {
            int current = counter.get();
            if (current >= limit) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                total.incrementAndGet();
                peak.accumulateAndGet(current + 1, Math::max);
                return true;
            }
        }
    }

    void release(String clientId) {
        inFlight.get(clientId).decrementAndGet();
        total.decrementAndGet();
    }

    /** The highest in-flight count any single client reached (the number the limit is about). */
    long peak() {
        return peak.get();
    }

    /** Requests holding a slot now, over all clients. */
    long current() {
        return total.get();
    }
}

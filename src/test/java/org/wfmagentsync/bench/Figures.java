package org.wfmagentsync.bench;

import java.time.Duration;
import java.util.List;
import org.wfmagentsync.sandbox.RequestLogEntry;

/**
 * What one strategy did in one scenario, measured from outside: times and counts from the
 * simulated Genesys Cloud, CPU and heap from this JVM.
 *
 * @param elapsed     wall time until the strategy returned (or hit the cap)
 * @param projected   for a capped strategy, elapsed scaled to all events; otherwise equal to elapsed
 * @param lost        users whose simulated Genesys state differs from the legacy truth at the end
 * @param peakInFlight most requests in flight at once, against {@code limit}
 * @param convergenceRoundTrips in a scenario whose limit drops: round trips (median) from the drop to
 *                     the last 409 of the rejections it set off; 0 when it set off none; null otherwise
 * @param firstRequest  from the start to the first request: reading the legacy feed and getting ready
 */
record Figures(String strategy, boolean capped, Duration elapsed, Duration projected, long requests, long conflicts409,
        long rateLimited429, long unavailable503, long retries, long delivered, long lost, long duplicates,
        Duration latencyP50, Duration latencyP99, long peakInFlight, int limit, Duration cpu, long peakHeapBytes,
        Double convergenceRoundTrips, Duration firstRequest, List<RequestLogEntry> log) {

    /** 409s and 429s as a share of requests. */
    double capacityRejectionShare() {
        return requests == 0 ? 0 : (double) (conflicts409 + rateLimited429) / requests;
    }

    double ratioTo(Duration best) {
        return best.isZero() ? Double.NaN : (double) projected.toMillis() / best.toMillis();
    }
}

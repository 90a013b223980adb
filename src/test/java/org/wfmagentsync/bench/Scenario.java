package org.wfmagentsync.bench;

import java.time.Duration;

/**
 * One benchmark scenario: how many agents (all changed), the simulated tenant's limits, and how
 * long a slow strategy may run before it is stopped and its total projected.
 *
 * @param limitDropAfter when set, the concurrent-session limit drops from {@code concurrentLimit}
 *                       to {@code windowConcurrentLimit} this long after the strategy starts
 */
record Scenario(String name, int agents, boolean insideWindow, int concurrentLimit, int windowConcurrentLimit,
        int ratePerMinute, double perEventConflictShare, long latencyMedianMs, double latencySigma,
        double random5xxShare, Duration limitDropAfter, Duration timeCap, long seed) {
}

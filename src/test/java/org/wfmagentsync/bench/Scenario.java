package org.wfmagentsync.bench;

import java.time.Duration;

/**
 * One benchmark scenario: how many agents (all changed), the simulated tenant's limits, and how
 * long a slow strategy may run before it is stopped and its total projected.
 *
 * @param limitDropAfter when set, the concurrent-session limit drops from {@code concurrentLimit}
 *                       to {@code windowConcurrentLimit} this long after the strategy starts
 * @param bothKinds      every state is sent as a presence and as a routing status (twice the events, over
 *                       both endpoints, which share the limits); otherwise presence alone
 */
record Scenario(String name, int agents, boolean insideWindow, int concurrentLimit, int windowConcurrentLimit,
        int ratePerMinute, double perEventConflictShare, long latencyMedianMs, double latencySigma,
        double random5xxShare, Duration limitDropAfter, Duration timeCap, long seed, boolean bothKinds) {

    /** A scenario of presence alone. */
    Scenario(String name, int agents, boolean insideWindow, int concurrentLimit, int windowConcurrentLimit,
            int ratePerMinute, double perEventConflictShare, long latencyMedianMs, double latencySigma,
            double random5xxShare, Duration limitDropAfter, Duration timeCap, long seed) {
        this(name, agents, insideWindow, concurrentLimit, windowConcurrentLimit, ratePerMinute, perEventConflictShare,
                latencyMedianMs, latencySigma, random5xxShare, limitDropAfter, timeCap, seed, false);
    }

    /** Events to deliver: one per agent, or two with {@link #bothKinds}. */
    long events() {
        return bothKinds ? 2L * agents : agents;
    }
}

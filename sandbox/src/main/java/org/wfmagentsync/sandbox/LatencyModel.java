package org.wfmagentsync.sandbox;

import java.time.Duration;
import java.util.SplittableRandom;

/** Log-normal service time: median times exp(sigma * N(0,1)); a zero median means no latency at all. */
record LatencyModel(long medianMs, double sigma) {

    /** Caps the tail so one unlucky draw cannot stall a test for minutes. */
    private static final long MAX_MS = 30_000;

    LatencyModel {
        if (medianMs < 0 || !(sigma >= 0)) {
            throw new IllegalArgumentException("latency needs medianMs >= 0 and sigma >= 0: " + medianMs + ", " + sigma);
        }
    }

    Duration draw(SplittableRandom random) {
        if (medianMs == 0) {
            return Duration.ZERO;
        }
        double millis = medianMs * Math.exp(sigma * random.nextGaussian());
        return Duration.ofNanos((long) (Math.min(millis, MAX_MS) * 1_000_000d));
    }
}

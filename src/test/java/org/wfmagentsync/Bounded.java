package org.wfmagentsync;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a bound: tests never sleep a fixed time to wait for something. Public for the Karaf module's test. */
public final class Bounded {

    private Bounded() {
    }

    public static void await(BooleanSupplier condition, Duration bound, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound.toMillis() + " ms waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}

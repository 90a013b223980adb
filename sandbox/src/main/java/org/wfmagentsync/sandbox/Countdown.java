package org.wfmagentsync.sandbox;

import java.util.Optional;

/** A countdown of one planted misbehaviour: the next {@code count} requests get it. */
final class Countdown<T> {

    private T value;
    private int remaining;

    /** Replaces anything pending; Integer.MAX_VALUE means forever, 0 clears. */
    synchronized void set(int count, T planted) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        value = count == 0 ? null : planted;
        remaining = count;
    }

    /** The planted misbehaviour for this request, consuming one, if any is pending. */
    synchronized Optional<T> next() {
        if (remaining == 0 || value == null) {
            return Optional.empty();
        }
        if (remaining != Integer.MAX_VALUE) {
            remaining--;
        }
        return Optional.of(value);
    }
}

package org.wfmagentsync.sandbox;

import java.util.Optional;

/** A countdown of forced answers: the next {@code count} presence requests get this response. */
final class ForcedResponses {

    private ForcedResponse response;
    private int remaining;

    /** Replaces any pending forced answers; Integer.MAX_VALUE means forever. */
    synchronized void set(int count, ForcedResponse forced) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        response = count == 0 ? null : forced;
        remaining = count;
    }

    /** The forced answer for this request, consuming one, if any is pending. */
    synchronized Optional<ForcedResponse> next() {
        if (remaining == 0 || response == null) {
            return Optional.empty();
        }
        ForcedResponse current = response;
        if (remaining != Integer.MAX_VALUE) {
            remaining--;
        }
        return Optional.of(current);
    }
}

package org.wfmagentsync.model;

/**
 * Where a client token's per-minute request budget stands, as {@code push.RatePacer} keeps it, in a
 * form the state database can hold: times are milliseconds on the epoch time line, and
 * {@link Long#MIN_VALUE} means "never".
 *
 * @param windowStart   when the current one-minute window began
 * @param sentInWindow  requests counted in it
 * @param pausedUntil   no request before this time (a 429's {@code Retry-After})
 * @param pauses        how many times {@code Retry-After} paused the token's requests
 * @param aligned       whether the windows line up with the server's (a 429 named the end of one)
 * @param asking        whether a request is out asking whether the server's window moved on
 */
public record RateWindow(long windowStart, int sentInWindow, long pausedUntil, long pauses, boolean aligned,
        boolean asking) {

    /** A token that has sent nothing yet. */
    public static final RateWindow FRESH = new RateWindow(Long.MIN_VALUE, 0, Long.MIN_VALUE, 0, false, false);
}

package org.wfmagentsync.push;

import org.wfmagentsync.model.RateWindow;

/**
 * Requests per minute, from configuration and from the server's word.
 *
 * <ul>
 *   <li>A ceiling: at most {@code perWindow} requests in each one-minute window. The first window
 *       starts with the first request.</li>
 *   <li>{@code Retry-After} pauses the whole client until the time the server named, and a new
 *       window starts then. Genesys Cloud counts requests in windows of its own and a 429 names the
 *       end of the current one, so from the first 429 on the two sets of windows line up and the
 *       ceiling stops where the server would.</li>
 *   <li>Until then the connector does not know where the server's windows start, and its own may
 *       hold it back while the server's has already moved on. So when its own window is full and
 *       not yet aligned, it sends one request at a time to ask: a 429 aligns the windows (and
 *       pauses as above), a success shows the server's window moved on, so a new one starts. The
 *       question only means that once every earlier request has reached the server: one still on
 *       its way may arrive after it, so the caller sends it with nothing else in flight
 *       ({@link #nextAsks}).</li>
 * </ul>
 *
 * Pure state on a millisecond time line the caller supplies: {@link PushGate} serialises the calls
 * and does the waiting, through a {@link RateLedger} that keeps the state in this process or, for
 * every instance on the same token, in the state database ({@link #window()} and back). The rules
 * are tested in {@code RatePacerTest}.
 */
public final class RatePacer {

    static final long WINDOW_MILLIS = 60_000;

    private final int perWindow;
    private long windowStart = Long.MIN_VALUE;
    private int sentInWindow;
    private long pausedUntil = Long.MIN_VALUE;
    private long pauses;
    private boolean aligned;
    private boolean asking;

    public RatePacer(int perWindow) {
        this(perWindow, RateWindow.FRESH);
    }

    /** A pacer that goes on from where {@code from} stood. */
    public RatePacer(int perWindow, RateWindow from) {
        if (perWindow < 1) {
            throw new IllegalArgumentException("the rate must allow at least 1 request per minute, got " + perWindow);
        }
        this.perWindow = perWindow;
        this.windowStart = from.windowStart();
        this.sentInWindow = from.sentInWindow();
        this.pausedUntil = from.pausedUntil();
        this.pauses = from.pauses();
        this.aligned = from.aligned();
        this.asking = from.asking();
    }

    /** Where the budget stands, to be kept and gone on from ({@link #RatePacer(int, RateWindow)}). */
    public RateWindow window() {
        return new RateWindow(windowStart, sentInWindow, pausedUntil, pauses, aligned, asking);
    }

    /** Milliseconds to wait before a request may be sent at {@code now}; 0 when it may go now. */
    public long waitMillis(long now) {
        if (now < pausedUntil) {
            return pausedUntil - now;
        }
        if (windowStart == Long.MIN_VALUE || now >= windowStart + WINDOW_MILLIS || sentInWindow < perWindow) {
            return 0;
        }
        if (!aligned && !asking) {
            return 0; // full, but the server's window may have moved on: one request may ask
        }
        return windowStart + WINDOW_MILLIS - now;
    }

    /**
     * Whether a request sent at {@code now} (when {@link #waitMillis} is 0) would be the one that
     * asks whether the server's window moved on: send it only when no earlier request is still
     * unanswered, or it may overtake them and be accepted by a window they then fill.
     */
    public boolean nextAsks(long now) {
        return windowStart != Long.MIN_VALUE && now < windowStart + WINDOW_MILLIS && sentInWindow >= perWindow
                && now >= pausedUntil;
    }

    /**
     * Counts a request sent at {@code now} (call only when {@link #waitMillis} was 0). Returns true
     * when it asks whether the server's window moved on: report its answer to {@link #asked}.
     */
    public boolean sent(long now) {
        if (windowStart == Long.MIN_VALUE || now >= windowStart + WINDOW_MILLIS) {
            windowStart = now;
            sentInWindow = 0;
            asking = false;
        }
        if (sentInWindow >= perWindow) {
            asking = true;
            return true;
        }
        sentInWindow++;
        return false;
    }

    /**
     * The answer to a request that asked, at {@code now}: {@code accepted} means the server's window
     * had moved on, so a new one starts with this request. (A 429 goes to {@link #retryAfter}.)
     */
    public void asked(long now, boolean accepted) {
        asking = false;
        if (accepted) {
            windowStart = now;
            sentInWindow = 1;
        }
    }

    /** The server asked, at {@code now}, for no request before {@code now + millis}. */
    public void retryAfter(long now, long millis) {
        long until = now + Math.max(0, millis);
        asking = false;
        if (until > pausedUntil) {
            pausedUntil = until;
            windowStart = until;
            sentInWindow = 0;
            aligned = true;
            pauses++;
        }
    }

    /** Whether the client is paused by a {@code Retry-After} at {@code now}. */
    public boolean paused(long now) {
        return now < pausedUntil;
    }

    /** How many times {@code Retry-After} paused the client. */
    public long pauses() {
        return pauses;
    }
}

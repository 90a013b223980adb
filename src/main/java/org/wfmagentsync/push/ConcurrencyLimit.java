package org.wfmagentsync.push;

import java.util.HashMap;
import java.util.Map;

/**
 * The adaptive limit on requests in flight to Genesys Cloud: additive increase, multiplicative
 * decrease (AIMD, as TCP finds a link's capacity), with a memory of the level that was refused.
 *
 * <ul>
 *   <li><b>Slow start</b> (a run that starts from the configured level outside the publishing window, knowing
 *       nothing of the tenant yet): each success of a request sent while at least half the limit was in use
 *       adds one, so the limit doubles per round trip, as TCP's slow start, until the first capacity
 *       rejection or the ceiling. A first 409 ends it at the requests sent before the refused one and still
 *       in flight (the server held those when it refused), never less than half the limit, nor above the
 *       refused level less one; a first 429 ends it with the usual cut. From then on the rules below.</li>
 *   <li><b>Growth</b>: each success of a request sent while at least half the limit was in use
 *       adds {@code 1/limit}, so the limit grows by about one per round trip.</li>
 *   <li><b>Shrink</b>: a capacity rejection (409 capacity conflict, 429) multiplies the limit by the
 *       backoff ratio, at most once per round trip: rejections of requests sent before the last
 *       decrease were caused by the old limit and do not count again.</li>
 *   <li><b>Fast recovery</b> after a 409's cut by the ratio: the requests still in flight when it cut
 *       show how far the tenant's limit fell. Each of them refused too counts one level of the fall;
 *       the limit then doubles per round trip (as in slow start) back up to the level it was cut from
 *       less one less those refusals, and grows by about one per round trip from there. A limit that
 *       fell in a step (a schedule publishing) refuses most of them, and the limit stays low; a single
 *       request over a limit that did not move refuses none of the others, and the limit is back near
 *       it within two or three round trips instead of one round trip per level.</li>
 *   <li><b>Memory</b>: a 409 of a request during whose life up to {@code n} requests were in flight
 *       marks {@code n} as refused. The limit then grows back to {@code n - 1} and stays there; it
 *       probes {@code n} again only after {@code probeRounds} round trips without rejection, and
 *       waits twice as long after each failed probe. This keeps the sawtooth of plain AIMD (a rejection every few round trips) away from
 *       a tenant whose limit does not move.</li>
 *   <li><b>One step back</b>: a 409 within two round trips of the limit growing to a new level (or
 *       of a probe) means that level was one too far and the one below worked, so the limit goes
 *       back by one instead of being cut by the ratio.</li>
 *   <li><b>A remembered start</b> ({@link #restart(int, int, boolean)}): a run may start from what
 *       earlier runs learned. A start above the level known to work counts as a step up (a 409 on it
 *       goes back by one), and a run may be told not to probe above its start at all.</li>
 *   <li>Never below 1 nor above the ceiling.</li>
 * </ul>
 *
 * Pure state, no clock and no threads: {@link PushGate} serialises the calls. The rules are
 * tested one by one in {@code ConcurrencyLimitTest}.
 */
public final class ConcurrencyLimit {

    /** What one admitted request carries back to {@link #succeeded}, {@link #rejected} or {@link #ignored}. */
    public record Permit(long sequence, int inFlightAtSend) {
    }

    private static final int NONE_REFUSED = Integer.MAX_VALUE;
    /** A probe wait no run reaches: the refused level is not tried again in this run. */
    private static final int NEVER = 1_000_000;

    private final int ceiling;
    private final double backoffRatio;
    private final int probeRounds;

    private double limit;
    private boolean slowStart;
    private int inFlight;
    private long sent;
    private long lastDecreaseAt = -1;
    private int refused = NONE_REFUSED;
    private int probeWaitRounds;
    private int probing;
    private double successesSinceRefusal;
    private int lowest;
    private int highest;
    private int grewTo;
    private double successesAtGrowth;
    private int refusedInRun = NONE_REFUSED;
    /** {@link #sent} when {@link #refusedInRun} was last refused: only requests sent after it can show it works. */
    private long refusedInRunAt;
    /** Successes sent after that refusal with at least {@link #refusedInRun} in flight. */
    private int worksAtRefusedInRun;
    /** The level a 409's cut by the ratio took the limit from, while it recovers fast ({@link #recoveryTarget()}); else 0. */
    private int cutFrom;
    /** 409s, since that cut, of requests sent before it: each is one level the tenant's limit fell. */
    private int refusedSinceCut;
    /** The most requests in flight seen by each request still in flight, from its send on. */
    private final Map<Long, Integer> peakInFlight = new HashMap<>();

    /**
     * @param ceiling      the most requests in flight ever (configuration)
     * @param backoffRatio what a capacity rejection multiplies the limit by, between 0 and 1
     * @param probeRounds  round trips without rejection before the refused level is tried again
     */
    public ConcurrencyLimit(int ceiling, double backoffRatio, int probeRounds) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("the ceiling must be at least 1, got " + ceiling);
        }
        if (!(backoffRatio > 0 && backoffRatio < 1)) {
            throw new IllegalArgumentException("the backoff ratio must be between 0 and 1, got " + backoffRatio);
        }
        this.ceiling = ceiling;
        this.backoffRatio = backoffRatio;
        this.probeRounds = Math.max(1, probeRounds);
        restart(ceiling);
    }

    /**
     * Starts a run from {@code initial} (clamped to 1..ceiling). The start level counts as known to
     * work: the limit climbs above it only after a probe wait, so a low start inside the publishing
     * window is not undone by the first round trips.
     */
    public void restart(int initial) {
        restart(initial, initial, true);
    }

    /**
     * Starts a run from {@code initial} when only {@code knownGood} (at most {@code initial}) is known
     * to work: a capacity conflict in the first round trips at the start level takes the limit back by
     * one, as after a step up. With {@code probe} false the level above the start is not tried in this
     * run (what was learned is recent).
     */
    public void restart(int initial, int knownGood, boolean probe) {
        restart(initial, knownGood, probe, false);
    }

    /**
     * As {@link #restart(int, int, boolean)}; with {@code slowStart} the start level is not held as known to
     * work: the limit doubles per round trip from it until the first capacity rejection (see the class comment).
     */
    public void restart(int initial, int knownGood, boolean probe, boolean slowStart) {
        limit = clamp(initial);
        refused = (int) limit >= ceiling ? NONE_REFUSED : (int) limit + 1;
        probeWaitRounds = probe ? probeRounds : NEVER;
        probing = 0;
        successesSinceRefusal = 0;
        lastDecreaseAt = sent;
        lowest = (int) limit;
        highest = (int) limit;
        grewTo = knownGood < (int) limit && (int) limit > 1 ? (int) limit : 0;
        successesAtGrowth = 0;
        refusedInRun = NONE_REFUSED;
        worksAtRefusedInRun = 0;
        cutFrom = 0;
        this.slowStart = slowStart && (int) limit < ceiling;
        if (this.slowStart) {
            refused = NONE_REFUSED; // the start is a guess, not a level that was refused above
            grewTo = 0;
        }
    }

    /** Whether the limit is still in its slow start (doubling per round trip). */
    public boolean slowStart() {
        return slowStart;
    }

    /**
     * The lowest level a capacity conflict refused since the last {@link #restart}, or 0: what the
     * run learned about the tenant. Only requests sent since the last decrease count, and the level
     * of one is the most requests that were in flight while it was: the server refused it at some
     * moment of its life, and never holds more than the client has in flight (a request is counted
     * here from before it leaves until after its answer is read), so that level is never below the
     * tenant's limit plus one, while the level at its send can be (a request overtaken on its way).
     * The level is no longer learned once as many requests as the level, sent after the refusal with
     * at least that many in flight, have succeeded: the tenant's limit rose. One such success alone
     * proves nothing, since some of those in flight may not have reached the server yet.
     */
    public int refusedInRun() {
        return refusedInRun == NONE_REFUSED ? 0 : refusedInRun;
    }

    public int ceiling() {
        return ceiling;
    }

    /** The whole number of requests allowed in flight now. */
    public int current() {
        return (int) limit;
    }

    public int inFlight() {
        return inFlight;
    }

    /** The lowest and highest limit since the last {@link #restart}. */
    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    /** Admits one more request if the limit allows it. */
    public Permit tryAcquire() {
        if (inFlight >= current()) {
            return null;
        }
        inFlight++;
        sent++;
        peakInFlight.replaceAll((sequence, peak) -> Math.max(peak, inFlight));
        peakInFlight.put(sent, inFlight);
        return new Permit(sent, inFlight);
    }

    /** The request got an answer that says nothing about capacity (2xx, also with per-event errors). */
    public void succeeded(Permit permit) {
        release(permit);
        successesSinceRefusal++;
        if (probing != 0 && permit.inFlightAtSend() >= probing) {
            probing = 0; // the probed level worked: the next refusal waits the normal time again
            probeWaitRounds = probeRounds;
        }
        if (refusedInRun != NONE_REFUSED && permit.sequence() > refusedInRunAt
                && permit.inFlightAtSend() >= refusedInRun) {
            worksAtRefusedInRun++;
            if (worksAtRefusedInRun >= refusedInRun) {
                refusedInRun = NONE_REFUSED; // a whole round trip at the refused level worked: it is not learned
            }
        }
        if (permit.sequence() <= lastDecreaseAt) {
            return; // sent before the last cut: says nothing about the new limit
        }
        if (2 * permit.inFlightAtSend() < current()) {
            return; // the limit was far from used, so this success does not show that more would work
        }
        if (slowStart) {
            set(limit + 1);
            slowStart = (int) limit < ceiling;
            return;
        }
        if (cutFrom != 0) {
            int target = recoveryTarget();
            if (current() < target) {
                set(Math.min(target, limit + 1));
                grewTo = current(); // a 409 on a level the recovery reached goes back by one
                successesAtGrowth = successesSinceRefusal;
                return;
            }
            cutFrom = 0; // recovered: the usual growth from here
        }
        if (refused != NONE_REFUSED && successesSinceRefusal >= (double) probeWaitRounds * current()) {
            probing = refused; // time to try the refused level again
            refused = NONE_REFUSED;
        }
        double next = Math.min(ceiling, limit + 1.0 / limit);
        if (next >= refused) {
            next = Math.max(limit, refused - 1);
        }
        if ((int) next > current()) {
            grewTo = (int) next; // a step up: the next round trips show whether it was one too far
            successesAtGrowth = successesSinceRefusal;
        }
        set(next);
    }

    /**
     * A capacity rejection: a 409 capacity conflict ({@code concurrency} true: the level in flight was
     * too high, and it is remembered) or a 429 ({@code concurrency} false: the rate was exceeded, so
     * only the limit shrinks, for a gentle restart after the pause).
     */
    public void rejected(Permit permit, boolean concurrency) {
        // Requests admitted in one order may reach the server in another, so the one refused is not
        // always the one that took the highest level: the level that overflowed is the most that were
        // in flight while it was (see refusedInRun).
        int level = Math.max(2, release(permit));
        boolean fresh = permit.sequence() > lastDecreaseAt;
        // The level just reached by growth (or a probe) was one too far: the one below it worked.
        boolean stepTooFar = concurrency && fresh && grewTo > 1 && level >= grewTo
                && successesSinceRefusal - successesAtGrowth < 2.0 * grewTo;
        if (concurrency) {
            if (probing != 0 && level >= probing) {
                probeWaitRounds = (int) Math.min(1_000_000L, 2L * probeWaitRounds); // the probe failed
                probing = 0;
            }
            refused = Math.min(refused, level);
            successesSinceRefusal = 0;
            if (fresh) { // one sent before the last decrease was refused for the old limit
                refusedInRun = Math.min(refusedInRun, level);
                refusedInRunAt = sent;
                worksAtRefusedInRun = 0;
            }
        }
        if (!fresh) {
            if (concurrency && cutFrom != 0) {
                refusedSinceCut++; // the tenant's limit is at least one lower than the cut's level
            }
            return; // sent under the old limit, which was already cut for it
        }
        cutFrom = 0; // a new signal ends a recovery
        if (slowStart) {
            slowStart = false;
            if (concurrency) {
                // the server was full when it refused this one: it held those sent before it and still in flight
                long held = peakInFlight.keySet().stream().filter(sequence -> sequence < permit.sequence()).count();
                set(Math.max(Math.floor(limit / 2), Math.min(held, level - 1)));
                grewTo = current(); // a 409 on this level soon after goes back by one, as after a step up
                successesAtGrowth = successesSinceRefusal;
                lastDecreaseAt = sent;
                return;
            }
        }
        int before = current();
        set(stepTooFar ? grewTo - 1 : Math.max(1, Math.floor(limit * backoffRatio)));
        grewTo = 0;
        lastDecreaseAt = sent;
        if (concurrency && !stepTooFar) {
            cutFrom = before;
            refusedSinceCut = 0;
        }
    }

    /**
     * Where a fast recovery stops doubling: the level cut from less one, less one for each request of
     * before the cut refused since, never above the refused level less one.
     */
    private int recoveryTarget() {
        int target = cutFrom - 1 - refusedSinceCut;
        return refused == NONE_REFUSED ? target : Math.min(target, refused - 1);
    }

    /** The request ended without saying anything about capacity (I/O error, 5xx, 401, 400...). */
    public void ignored(Permit permit) {
        release(permit);
    }

    /** Gives the permit's slot back; returns the most requests that were in flight while it was. */
    private int release(Permit permit) {
        Integer peak = peakInFlight.remove(permit.sequence());
        if (inFlight > 0) {
            inFlight--;
        }
        return Math.max(permit.inFlightAtSend(), peak == null ? 0 : peak);
    }

    private void set(double value) {
        limit = Math.max(1, Math.min(ceiling, value));
        lowest = Math.min(lowest, (int) limit);
        highest = Math.max(highest, (int) limit);
    }

    private double clamp(int value) {
        return Math.max(1, Math.min(ceiling, value));
    }
}

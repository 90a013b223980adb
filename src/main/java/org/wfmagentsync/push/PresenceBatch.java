package org.wfmagentsync.push;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wfmagentsync.deadletter.Attempt;
import org.wfmagentsync.mapping.PresenceEvent;

/**
 * One request's worth of events (at most 100) and its delivery history. It travels with the
 * exchange as a property so that every redelivery rebuilds the request from what is still pending.
 */
public final class PresenceBatch {

    public static final String PROPERTY = "wfmBatch";

    private final String runId;
    private volatile List<PresenceEvent> pending;
    private volatile int attempts;
    private volatile int authRefreshes;
    private volatile long lastDelayMs;
    private volatile boolean retryApproved;
    private volatile long tokenGeneration;
    private volatile OffsetDateTime firstAttemptAt;
    private volatile OffsetDateTime lastAttemptAt;
    private final List<Attempt> history = new CopyOnWriteArrayList<>();

    public PresenceBatch(String runId, List<PresenceEvent> events) {
        this.runId = runId;
        this.pending = List.copyOf(events);
    }

    public String runId() {
        return runId;
    }

    public List<PresenceEvent> pending() {
        return pending;
    }

    /** Narrows the batch to the events that still have to be sent. */
    public void retain(List<PresenceEvent> stillPending) {
        this.pending = List.copyOf(stillPending);
    }

    void attempt(OffsetDateTime now) {
        attempts++;
        if (firstAttemptAt == null) {
            firstAttemptAt = now;
        }
        lastAttemptAt = now;
    }

    /** Records how the latest attempt failed, for the dead letter's history. */
    public void failed(Integer httpStatus, String outcome) {
        history.add(new Attempt(attempts, lastAttemptAt, httpStatus, outcome, runId));
    }

    /** The failed attempts so far, oldest first. */
    public List<Attempt> history() {
        return List.copyOf(history);
    }

    public int attempts() {
        return attempts;
    }

    int authRefreshes() {
        return authRefreshes;
    }

    void authRefreshed() {
        authRefreshes++;
    }

    long lastDelayMs() {
        return lastDelayMs;
    }

    void lastDelayMs(long delay) {
        this.lastDelayMs = delay;
    }

    boolean retryApproved() {
        return retryApproved;
    }

    void retryApproved(boolean approved) {
        this.retryApproved = approved;
    }

    void usedToken(long generation) {
        this.tokenGeneration = generation;
    }

    long tokenGeneration() {
        return tokenGeneration;
    }

    public OffsetDateTime firstAttemptAt() {
        return firstAttemptAt;
    }

    public OffsetDateTime lastAttemptAt() {
        return lastAttemptAt;
    }
}

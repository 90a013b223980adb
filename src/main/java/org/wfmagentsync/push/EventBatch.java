package org.wfmagentsync.push;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.StatusEvent;

/**
 * One request's worth of events (at most 100, of one kind: a request goes to one endpoint) and its
 * delivery history. It travels with the exchange as a property so that every redelivery rebuilds the
 * request from what is still pending.
 */
public final class EventBatch {

    public static final String PROPERTY = "wfmBatch";

    /** What an event that comes back for another round brings from its earlier rounds. */
    public record Carry(int attempts, OffsetDateTime firstAttemptAt, List<Attempt> history) {
    }

    private final String runId;
    private final EventKind kind;
    private final int round;
    private final java.util.Map<String, Carry> carried;
    private volatile List<StatusEvent> pending;
    private volatile int attempts;
    private volatile int authRefreshes;
    private volatile long lastDelayMs;
    private volatile boolean retryApproved;
    private volatile boolean budgetRefused;
    private volatile boolean inFlight;
    private volatile long tokenGeneration;
    private volatile OffsetDateTime firstAttemptAt;
    private volatile OffsetDateTime lastAttemptAt;
    private final List<Attempt> history = new CopyOnWriteArrayList<>();

    public EventBatch(String runId, List<StatusEvent> events) {
        this(runId, events, 1, java.util.Map.of());
    }

    /**
     * A batch of round {@code round} (1 for first sends); {@code carried} holds earlier rounds' history by
     * event id. Its events are of one kind. (An empty batch is never sent, {@code EventJson} refuses to
     * write one; it counts as presence so that what it reports has a kind.)
     */
    public EventBatch(String runId, List<StatusEvent> events, int round, java.util.Map<String, Carry> carried) {
        this.runId = runId;
        this.kind = events.isEmpty() ? EventKind.PRESENCE : events.get(0).kind();
        for (StatusEvent event : events) {
            if (event.kind() != kind) {
                throw new IllegalArgumentException("a batch holds events of one kind: " + kind + " and " + event.kind());
            }
        }
        this.pending = List.copyOf(events);
        this.round = round;
        this.carried = carriedOf(this.pending, carried);
    }

    /**
     * The carries of these events alone: the round's map holds every event sent back to it, and each of
     * the round's batches copying it whole cost as much CPU as the rest of a paced run.
     */
    private static java.util.Map<String, Carry> carriedOf(List<StatusEvent> events, java.util.Map<String, Carry> carried) {
        if (carried.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, Carry> own = new java.util.HashMap<>();
        for (StatusEvent event : events) {
            Carry carry = carried.get(event.eventId());
            if (carry != null) {
                own.put(event.eventId(), carry);
            }
        }
        return java.util.Map.copyOf(own);
    }

    public int round() {
        return round;
    }

    /** The kind of every event in the batch, so the endpoint its requests go to. */
    public EventKind kind() {
        return kind;
    }

    /** Whether a request of this batch is under way (counted in flight), until its attempt ends. */
    boolean inFlight() {
        return inFlight;
    }

    void inFlight(boolean sending) {
        this.inFlight = sending;
    }

    /** Whether this batch re-sends events that were sent before: a later round, or a redelivery. */
    public boolean isRetry() {
        return round > 1 || attempts > 1;
    }

    /** Attempts at this event so far, earlier rounds included. */
    public int attemptsOf(StatusEvent event) {
        Carry carry = carried.get(event.eventId());
        return attempts + (carry == null ? 0 : carry.attempts());
    }

    /** The most attempts any event of the batch has had, earlier rounds included. */
    public int mostAttempts() {
        return pending.stream().mapToInt(this::attemptsOf).max().orElse(attempts);
    }

    /** The event's first attempt, in this round or an earlier one. */
    public OffsetDateTime firstAttemptOf(StatusEvent event) {
        Carry carry = carried.get(event.eventId());
        return carry == null ? firstAttemptAt : carry.firstAttemptAt();
    }

    /** The event's failed attempts, earlier rounds first. */
    public List<Attempt> historyOf(StatusEvent event) {
        Carry carry = carried.get(event.eventId());
        if (carry == null) {
            return history();
        }
        List<Attempt> all = new java.util.ArrayList<>(carry.history());
        for (Attempt attempt : history) {
            all.add(new Attempt(attempt.number() + carry.attempts(), attempt.at(), attempt.httpStatus(), attempt.outcome(),
                    attempt.runId()));
        }
        return List.copyOf(all);
    }

    /** The event's history with the latest attempt appended, whose answer was {@code status} and {@code outcome}. */
    public List<Attempt> historyWith(StatusEvent event, Integer status, String outcome) {
        List<Attempt> all = new java.util.ArrayList<>(historyOf(event));
        all.add(new Attempt(attemptsOf(event), lastAttemptAt, status, outcome, runId));
        return List.copyOf(all);
    }

    /** What the event takes into its next round: its history up to the attempt that sent it back. */
    Carry carryOf(StatusEvent event, Integer status, String outcome) {
        return new Carry(attemptsOf(event), firstAttemptOf(event), historyWith(event, status, outcome));
    }

    public String runId() {
        return runId;
    }

    public List<StatusEvent> pending() {
        return pending;
    }

    /** Narrows the batch to the events that still have to be sent. */
    public void retain(List<StatusEvent> stillPending) {
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

    /** Whether the retry budget refused this batch's next attempt. */
    public boolean budgetRefused() {
        return budgetRefused;
    }

    void budgetRefused(boolean refused) {
        this.budgetRefused = refused;
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

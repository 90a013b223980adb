package org.wfmagentsync.push;

/**
 * A token bucket that caps retries as a share of requests, in the style of the AWS SDK's standard
 * retry mode: the bucket starts full; a retry request costs {@code retryCost} tokens; a first
 * attempt that succeeds puts 1 back and a retry that succeeds puts its cost back, never above the
 * capacity. When the bucket cannot pay, the retry is refused and its events are dead-lettered with
 * reason {@code RETRY_BUDGET_EXHAUSTED} (a re-drive or replay sends them later). So an outage costs
 * at most {@code capacity / retryCost} retries more than it would without retrying, not a storm.
 *
 * Thread-safe; no clock. The rules are tested in {@code RetryBudgetTest}.
 */
public final class RetryBudget {

    private final int capacity;
    private final int retryCost;
    private int tokens;
    private long refused;

    public RetryBudget(int capacity, int retryCost) {
        if (capacity < 0 || retryCost < 1) {
            throw new IllegalArgumentException("a retry budget needs capacity >= 0 and cost >= 1, got " + capacity + " and "
                    + retryCost);
        }
        this.capacity = capacity;
        this.retryCost = retryCost;
        this.tokens = capacity;
    }

    /** Pays for one retry request; false when the budget cannot (the retry must not be sent). */
    public synchronized boolean tryRetry() {
        if (tokens < retryCost) {
            refused++;
            return false;
        }
        tokens -= retryCost;
        return true;
    }

    /**
     * Pays for one retry request that may as well go later, if the budget can: false leaves the retry
     * waiting (for its round, where {@link #tryRetry()} decides), so nothing is refused or counted.
     */
    public synchronized boolean tryRetryIfFunded() {
        if (tokens < retryCost) {
            return false;
        }
        tokens -= retryCost;
        return true;
    }

    /** A request succeeded; {@code wasRetry} when it re-sent events that had been sent before. */
    public synchronized void succeeded(boolean wasRetry) {
        tokens = Math.min(capacity, tokens + (wasRetry ? retryCost : 1));
    }

    public synchronized int tokens() {
        return tokens;
    }

    public int capacity() {
        return capacity;
    }

    /** Retries refused since start. */
    public synchronized long refused() {
        return refused;
    }
}

package org.wfmagentsync.model;

/** The push's adaptive limits as they stand, read by the metrics at each scrape. */
public interface PushState {

    /** Requests allowed in flight now. */
    int currentLimit();

    /** 409 capacity conflicts and 429s answered since start. */
    long capacityRejections();

    /** Tokens left in the retry budget. */
    int retryBudgetTokens();

    /** Whether a {@code Retry-After} pause holds every request right now. */
    boolean paused();
}

package org.wfmagentsync.model;

/** Why an update did not reach Genesys Cloud. */
public enum DeadLetterReason {
    /** The legacy row was malformed (missing or wrong-typed field, bad timestamp, control characters). */
    INVALID_RECORD,
    /** No Genesys user for the agent, or no presence definition for the state. */
    UNMAPPED,
    /** Capacity conflicts (409, or retryable per-event conflicts) never cleared within the retry limit. */
    CONFLICT_EXHAUSTED,
    /** 429, 5xx or I/O failures went on past the retry limit. */
    RETRIES_EXHAUSTED,
    /** Genesys Cloud refused the request (400, 403, 404, 413, 422, a non-capacity 409, ...): retrying cannot help. */
    REJECTED,
    /** The request was accepted but Genesys Cloud refused this event as not retryable. */
    EVENT_REJECTED,
    /**
     * The retry budget (a share of requests, so an outage cannot become a retry storm) had nothing
     * left for this update's next attempt. It was never refused by Genesys Cloud: replay it.
     */
    RETRY_BUDGET_EXHAUSTED,
    /** Authentication kept failing after a fresh token, or the login host refused the client credentials. */
    AUTH_FAILED,
    /** A failure the connector did not expect; the detail names it. */
    UNEXPECTED_ERROR;

    /** Whether Genesys Cloud saw this update: only those are presence events a replay can send. */
    public boolean fromPush() {
        return this != INVALID_RECORD && this != UNMAPPED;
    }

    /** Whether the cause is usually passing (capacity, outage, credentials), so an automatic re-drive may help. */
    public boolean passing() {
        return this == CONFLICT_EXHAUSTED || this == RETRIES_EXHAUSTED || this == RETRY_BUDGET_EXHAUSTED
                || this == AUTH_FAILED;
    }
}

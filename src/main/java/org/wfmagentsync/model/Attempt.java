package org.wfmagentsync.model;

import java.time.OffsetDateTime;

/** One delivery attempt of a dead-lettered event: when, Genesys Cloud's status (null for I/O errors), and what happened. */
public record Attempt(int number, OffsetDateTime at, Integer httpStatus, String outcome, String runId) {

    /** Longest outcome kept per attempt: the start of the response body is enough to tell what went wrong. */
    public static final int MAX_OUTCOME = 600;

    public Attempt {
        outcome = outcome == null ? "" : outcome.length() > MAX_OUTCOME ? outcome.substring(0, MAX_OUTCOME) : outcome;
    }
}

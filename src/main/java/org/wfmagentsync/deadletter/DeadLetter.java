package org.wfmagentsync.deadletter;

import java.time.OffsetDateTime;

/** A dead-letter entry: the original event and everything known about why it was not delivered. */
public record DeadLetter(
        long id,
        String eventId,
        String agentId,
        String userId,
        DeadLetterReason reason,
        String detail,
        Integer httpStatus,
        String responseBody,
        String eventJson,
        int attempts,
        OffsetDateTime firstAttemptAt,
        OffsetDateTime lastAttemptAt,
        String runId,
        String status) {

    /** Not delivered yet. */
    public static final String OPEN = "OPEN";
    /** A later run delivered this very event. */
    public static final String DELIVERED = "DELIVERED";
    /** A newer state of the same agent was delivered; sending this one would move the agent back. */
    public static final String SUPERSEDED = "SUPERSEDED";
}

package org.wfmagentsync.model;

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
        String stateKey,
        OffsetDateTime eventTime,
        int attempts,
        OffsetDateTime firstAttemptAt,
        OffsetDateTime lastAttemptAt,
        String runId,
        DeadLetterStatus status,
        OffsetDateTime closedAt,
        String closeNote) {

    /** A new open entry, as the recorder writes it. */
    public static DeadLetter open(String eventId, String agentId, String userId, DeadLetterReason reason, String detail,
            Integer httpStatus, String responseBody, String eventJson, String stateKey, OffsetDateTime eventTime, int attempts,
            OffsetDateTime firstAttemptAt, OffsetDateTime lastAttemptAt, String runId) {
        return new DeadLetter(0, eventId, agentId, userId, reason, detail, httpStatus, responseBody, eventJson, stateKey,
                eventTime,
                attempts, firstAttemptAt, lastAttemptAt, runId, DeadLetterStatus.OPEN, null, null);
    }
}

package org.wfmagentsync.model;

import java.time.OffsetDateTime;

/**
 * A dead-letter entry: the original event and everything known about why it was not delivered.
 *
 * @param kind the kind of event it is about; null for an update that never became an event (a legacy row
 *             refused before it was mapped, a state that {@code states.csv} does not map at all). Entries kept
 *             before routing statuses existed are {@link EventKind#PRESENCE}.
 */
public record DeadLetter(
        long id,
        EventKind kind,
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
    public static DeadLetter open(EventKind kind, String eventId, String agentId, String userId, DeadLetterReason reason,
            String detail, Integer httpStatus, String responseBody, String eventJson, String stateKey,
            OffsetDateTime eventTime, int attempts, OffsetDateTime firstAttemptAt, OffsetDateTime lastAttemptAt,
            String runId) {
        return new DeadLetter(0, kind, eventId, agentId, userId, reason, detail, httpStatus, responseBody, eventJson,
                stateKey, eventTime, attempts, firstAttemptAt, lastAttemptAt, runId, DeadLetterStatus.OPEN, null, null);
    }

    /** A new open entry about a presence event. */
    public static DeadLetter open(String eventId, String agentId, String userId, DeadLetterReason reason, String detail,
            Integer httpStatus, String responseBody, String eventJson, String stateKey, OffsetDateTime eventTime, int attempts,
            OffsetDateTime firstAttemptAt, OffsetDateTime lastAttemptAt, String runId) {
        return open(EventKind.PRESENCE, eventId, agentId, userId, reason, detail, httpStatus, responseBody, eventJson,
                stateKey, eventTime, attempts, firstAttemptAt, lastAttemptAt, runId);
    }
}

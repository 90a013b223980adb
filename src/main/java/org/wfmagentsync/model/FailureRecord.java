package org.wfmagentsync.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Why one update did not reach Genesys Cloud, told the same way by every stage (a bad legacy row, an
 * unmapped agent, a refused or exhausted delivery): what the dead-letter store keeps.
 *
 * @param kind           the kind of event it is about, or null for an update that never became one (a legacy row
 *                       refused before it was mapped, a state the mapping does not know)
 * @param eventId        the event's id (deterministic, so a later failure of the same change updates its entry)
 * @param agentId        the legacy agent, when known
 * @param userId         the Genesys user, once mapped
 * @param eventJson      the event as it was (or would have been) sent, or the legacy row for a refused row
 * @param stateKey       the legacy state and reason, once known
 * @param eventTime      when the state changed in the legacy system, when known
 * @param httpStatus     Genesys Cloud's last status, or null
 * @param responseBody   Genesys Cloud's last answer, or null
 * @param attempts       delivery attempts made; 0 for updates never sent
 * @param firstAttemptAt the first attempt, or null (then: now)
 * @param lastAttemptAt  the last attempt, or null (then: now)
 * @param history        the attempts that failed, oldest first
 */
public record FailureRecord(String runId, DeadLetterReason reason, String detail, EventKind kind, String eventId,
        String agentId,
        String userId, String eventJson, String stateKey, OffsetDateTime eventTime, Integer httpStatus,
        String responseBody, int attempts, OffsetDateTime firstAttemptAt, OffsetDateTime lastAttemptAt,
        List<Attempt> history) {

    public FailureRecord {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** An update refused before anything was sent (a bad row, an unmapped agent or state); {@code kind} may be null. */
    public static FailureRecord beforeSending(String runId, DeadLetterReason reason, String detail, EventKind kind,
            String eventId, String agentId, String rawJson, String stateKey, OffsetDateTime eventTime) {
        return new FailureRecord(runId, reason, detail, kind, eventId, agentId, null, rawJson, stateKey, eventTime, null,
                null, 0, null, null, List.of());
    }
}

package org.wfmagentsync.sandbox;

import java.time.Instant;

/** The presence the Genesys simulator holds for one user, the event that set it, and when it was applied. */
public record UserPresence(String presenceDefinitionId, String eventId, Instant eventDateTime, Instant appliedAt) {
}

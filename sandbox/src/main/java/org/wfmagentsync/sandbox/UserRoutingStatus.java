package org.wfmagentsync.sandbox;

import java.time.Instant;

/** The routing status the Genesys simulator holds for one user, the event that set it, and when it was applied. */
public record UserRoutingStatus(String status, String eventId, Instant eventDateTime, Instant appliedAt) {
}

package org.wfmagentsync.sandbox;

import java.time.Instant;

/** The presence the Genesys simulator holds for one user, and the event that set it. */
public record UserPresence(String presenceDefinitionId, String eventId, Instant eventDateTime) {
}

package org.wfmagentsync.sandbox;

/** One user presence event as received; a field is null when missing or not a JSON string. */
record IncomingEvent(String eventId, String eventDateTime, String userId, String sourceId,
                     String presenceDefinitionId, String message) {
}

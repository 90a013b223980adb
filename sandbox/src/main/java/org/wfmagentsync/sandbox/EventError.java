package org.wfmagentsync.sandbox;

/** One per-event failure inside a 200 answer, as Genesys' {@code BatchEventResponse.errors[]}. */
record EventError(String eventId, String message, boolean retryable) {
}

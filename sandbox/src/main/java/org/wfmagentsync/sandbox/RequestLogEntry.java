package org.wfmagentsync.sandbox;

import java.time.Instant;

/**
 * One presence request as the Genesys simulator saw it: when it arrived and when it was answered
 * (by the clock), its answer, its size. Arrival and answer give the requests in flight over time.
 */
public record RequestLogEntry(Instant arrivalInstant, Instant answeredInstant, int status, int eventCount) {
}

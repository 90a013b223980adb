package org.wfmagentsync.sandbox;

import java.time.Instant;

/** One presence request as the Genesys simulator saw it: when it arrived (by the clock), its answer, its size. */
public record RequestLogEntry(Instant arrivalInstant, int status, int eventCount) {
}

package org.wfmagentsync.sandbox;

import java.time.Instant;

/**
 * One event request as the Genesys simulator saw it: when it arrived and when it was answered (by
 * the clock), its answer, its size, and which endpoint it went to ({@code presence} or {@code
 * routingStatus}). Arrival and answer give the requests in flight over time; both endpoints share
 * the limits, so both are logged.
 */
public record RequestLogEntry(Instant arrivalInstant, Instant answeredInstant, int status, int eventCount,
                              String kind) {

    /** The {@code kind} of a presence request. */
    public static final String PRESENCE = "presence";
    /** The {@code kind} of a routing-status request. */
    public static final String ROUTING_STATUS = "routingStatus";

    /** A presence request. */
    public RequestLogEntry(Instant arrivalInstant, Instant answeredInstant, int status, int eventCount) {
        this(arrivalInstant, answeredInstant, status, eventCount, PRESENCE);
    }
}

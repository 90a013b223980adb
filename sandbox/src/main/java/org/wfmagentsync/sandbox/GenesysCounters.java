package org.wfmagentsync.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the Genesys simulator's counters: the presence endpoint's, the token endpoint's, the
 * limits both event endpoints share, and the routing-status endpoint's own ({@link #routingStatus()}).
 *
 * @param requests           presence requests received (any answer)
 * @param acceptedEvents     events applied to a user's presence
 * @param duplicateEvents    events whose eventId was already applied (the connector promises zero)
 * @param staleEvents        events older than the one a user already holds, ignored
 * @param perEventConflicts  retryable per-event SCHEDULE_CONFLICT errors given inside the window
 * @param perEventRejections non-retryable per-event errors (bad source, definition, user or fields)
 * @param peakInFlight       highest number of in-flight event requests one client reached (presence and routing
 *                           status together: they share the concurrency limit)
 * @param currentInFlight    event requests holding a slot now
 * @param tokensIssued       access tokens issued
 * @param tokenRejections    token requests refused (bad client, bad grant, endpoint down)
 * @param droppedConnections presence requests never answered because of a planted {@link ConnectionFault}
 * @param statusCounts       presence answers by HTTP status
 * @param routingStatus      the routing-status endpoint's counters
 */
public record GenesysCounters(long requests, long acceptedEvents, long duplicateEvents, long staleEvents,
                              long perEventConflicts, long perEventRejections, long peakInFlight,
                              long currentInFlight, long tokensIssued, long tokenRejections,
                              long droppedConnections, Map<Integer, Long> statusCounts,
                              EventCounters routingStatus) {

    /** Statuses always present in {@link #asMap()}, even at zero, so dashboards and tests need no null checks. */
    private static final int[] USUAL_STATUSES = {200, 400, 401, 409, 413, 429, 503};

    public GenesysCounters {
        statusCounts = Collections.unmodifiableMap(new TreeMap<>(statusCounts));
    }

    /** Presence answers with this HTTP status. */
    public long status(int httpStatus) {
        return statusCounts.getOrDefault(httpStatus, 0L);
    }

    /** Presence and routing-status answers with this HTTP status, together. */
    public long statusOfBoth(int httpStatus) {
        return status(httpStatus) + routingStatus.status(httpStatus);
    }

    /**
     * Flat name-to-value view; statuses appear as {@code status200}, {@code status409}, ...; the
     * routing-status endpoint's as {@code routingStatus.requests}, {@code routingStatus.status200}, ...
     */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("requests", requests);
        map.put("acceptedEvents", acceptedEvents);
        map.put("duplicateEvents", duplicateEvents);
        map.put("staleEvents", staleEvents);
        map.put("perEventConflicts", perEventConflicts);
        map.put("perEventRejections", perEventRejections);
        map.put("peakInFlight", peakInFlight);
        map.put("currentInFlight", currentInFlight);
        map.put("tokensIssued", tokensIssued);
        map.put("tokenRejections", tokenRejections);
        map.put("droppedConnections", droppedConnections);
        for (int usual : USUAL_STATUSES) {
            map.put("status" + usual, status(usual));
        }
        statusCounts.forEach((code, count) -> map.put("status" + code, count));
        map.putAll(routingStatus.asMap("routingStatus.", USUAL_STATUSES));
        return Collections.unmodifiableMap(map);
    }
}

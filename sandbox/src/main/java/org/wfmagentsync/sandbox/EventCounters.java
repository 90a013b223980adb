package org.wfmagentsync.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of one event endpoint's own counters (the routing-status endpoint's; the presence
 * endpoint's are {@link GenesysCounters}' own fields, as they were before there were two).
 *
 * @param requests           requests received (any answer)
 * @param acceptedEvents     events applied to a user's state
 * @param duplicateEvents    events whose eventId was already applied (the connector promises zero)
 * @param staleEvents        events older than the one a user already holds, ignored
 * @param perEventConflicts  retryable per-event SCHEDULE_CONFLICT errors given inside the window
 * @param perEventRejections non-retryable per-event errors (bad source, status, user or fields)
 * @param droppedConnections requests never answered because of a planted {@link ConnectionFault}
 * @param statusCounts       answers by HTTP status
 */
public record EventCounters(long requests, long acceptedEvents, long duplicateEvents, long staleEvents,
                            long perEventConflicts, long perEventRejections, long droppedConnections,
                            Map<Integer, Long> statusCounts) {

    public EventCounters {
        statusCounts = Collections.unmodifiableMap(new TreeMap<>(statusCounts));
    }

    /** Answers with this HTTP status. */
    public long status(int httpStatus) {
        return statusCounts.getOrDefault(httpStatus, 0L);
    }

    /** Flat name-to-value view, each name after {@code prefix}; statuses as {@code status200}, ... */
    Map<String, Long> asMap(String prefix, int[] usualStatuses) {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put(prefix + "requests", requests);
        map.put(prefix + "acceptedEvents", acceptedEvents);
        map.put(prefix + "duplicateEvents", duplicateEvents);
        map.put(prefix + "staleEvents", staleEvents);
        map.put(prefix + "perEventConflicts", perEventConflicts);
        map.put(prefix + "perEventRejections", perEventRejections);
        map.put(prefix + "droppedConnections", droppedConnections);
        for (int usual : usualStatuses) {
            map.put(prefix + "status" + usual, status(usual));
        }
        statusCounts.forEach((code, count) -> map.put(prefix + "status" + code, count));
        return map;
    }
}

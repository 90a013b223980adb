package org.wfmagentsync.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** One endpoint's live counters (and the token endpoint's, on the presence one's), updated by request threads. */
final class GenesysMetrics {

    final AtomicLong requests = new AtomicLong();
    final LongAdder acceptedEvents = new LongAdder();
    final LongAdder duplicateEvents = new LongAdder();
    final LongAdder staleEvents = new LongAdder();
    final LongAdder perEventConflicts = new LongAdder();
    final LongAdder perEventRejections = new LongAdder();
    final LongAdder tokenRejections = new LongAdder();
    final LongAdder droppedConnections = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    void countStatus(int status) {
        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** The presence endpoint's counters ({@code this}), the shared ones, and the routing-status endpoint's. */
    GenesysCounters snapshot(ConcurrencyGate gate, TokenStore tokens, GenesysMetrics routingStatus) {
        return new GenesysCounters(requests.get(), acceptedEvents.sum(), duplicateEvents.sum(), staleEvents.sum(),
                perEventConflicts.sum(), perEventRejections.sum(), gate.peak(), gate.current(),
                tokens.issuedCount(), tokenRejections.sum(), droppedConnections.sum(), statusCounts(),
                routingStatus.eventCounters());
    }

    EventCounters eventCounters() {
        return new EventCounters(requests.get(), acceptedEvents.sum(), duplicateEvents.sum(), staleEvents.sum(),
                perEventConflicts.sum(), perEventRejections.sum(), droppedConnections.sum(), statusCounts());
    }

    private Map<Integer, Long> statusCounts() {
        Map<Integer, Long> statusCounts = new TreeMap<>();
        statuses.forEach((status, count) -> statusCounts.put(status, count.sum()));
        return statusCounts;
    }
}

package org.wfmagentsync.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The Genesys simulator's live counters, updated by request threads. */
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

    GenesysCounters snapshot(ConcurrencyGate gate, TokenStore tokens) {
        Map<Integer, Long> statusCounts = new TreeMap<>();
        statuses.forEach((status, count) -> statusCounts.put(status, count.sum()));
        return new GenesysCounters(requests.get(), acceptedEvents.sum(), duplicateEvents.sum(), staleEvents.sum(),
                perEventConflicts.sum(), perEventRejections.sum(), gate.peak(), gate.current(),
                tokens.issuedCount(), tokenRejections.sum(), droppedConnections.sum(), statusCounts);
    }
}

package org.wfmagentsync.sandbox;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent presence requests, bounded so a long benchmark cannot exhaust memory. */
final class RequestLog {

    private final int capacity;
    private final ArrayDeque<RequestLogEntry> entries = new ArrayDeque<>();

    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(RequestLogEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** Oldest first. */
    synchronized List<RequestLogEntry> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}

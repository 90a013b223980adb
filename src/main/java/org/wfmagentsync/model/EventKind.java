package org.wfmagentsync.model;

/**
 * Which Genesys Cloud event a status change becomes; each kind has its own endpoint and request
 * shape, its own delta, event ids, delivered baseline and dead letters. A request carries one kind.
 */
public enum EventKind {
    /** A user presence event ({@code POST /api/v2/events/users/presence}). */
    PRESENCE("presence"),
    /** A user routing-status event ({@code POST /api/v2/events/users/routingstatus}). */
    ROUTING_STATUS("routing status");

    private final String words;

    EventKind(String words) {
        this.words = words;
    }

    /** The kind as a log line or a message says it, e.g. {@code routing status}. */
    public String words() {
        return words;
    }
}

package org.wfmagentsync.sandbox;

/** What the two event endpoints' events have in common, as {@link EventStore} applies them. */
interface IncomingStatusEvent {

    String eventId();

    String eventDateTime();

    /** The Genesys user the event is for (the routing-status endpoint calls it {@code agentId}). */
    String userId();

    String sourceId();

    /** What the event sets: the presence definition id, or the routing status. */
    String value();
}

package org.wfmagentsync.model;

/** Where a dead letter stands. Only {@link #OPEN} entries are replayed. */
public enum DeadLetterStatus {
    /** Not delivered; can be replayed. */
    OPEN,
    /** Claimed by a replay that is under way; nobody else may send it. */
    REPLAYING,
    /** Delivered by a replay. */
    REPLAYED,
    /** Delivered by a later normal run (the agent still had this state). */
    DELIVERED,
    /** A newer state of the agent was delivered; sending this one would move the agent back. */
    SUPERSEDED,
    /** Closed by a person, with a reason, and kept as an audit record. */
    DISCARDED
}

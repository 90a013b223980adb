package org.wfmagentsync.model;

/** Which Genesys Cloud event a status change becomes; each kind has its own endpoint and request shape. */
public enum EventKind {
    /** A user presence event ({@code POST /api/v2/events/users/presence}). */
    PRESENCE
}

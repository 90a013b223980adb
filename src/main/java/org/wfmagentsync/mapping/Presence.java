package org.wfmagentsync.mapping;

/** A states.csv row: the presence definition it names and an optional status message. */
record Presence(PresenceRef presence, String message) {
}

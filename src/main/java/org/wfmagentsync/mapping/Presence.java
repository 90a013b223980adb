package org.wfmagentsync.mapping;

/** A states.csv row: the presence definition to use and an optional status message. */
record Presence(String presenceDefinitionId, String message) {
}

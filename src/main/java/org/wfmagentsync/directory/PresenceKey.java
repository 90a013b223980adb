package org.wfmagentsync.directory;

/** What names a presence definition in a mapping: its id, or what the org's definitions find it by. */
public enum PresenceKey {
    DEFINITION_ID("presence definition"),
    SYSTEM_PRESENCE("system presence"),
    LABEL("presence label");

    private final String words;

    PresenceKey(String words) {
        this.words = words;
    }

    /** How a message names it, e.g. {@code presence label}. */
    public String words() {
        return words;
    }

    /** Whether a definition named so is found through the org's presence definitions (all but the id). */
    public boolean viaDirectory() {
        return this != DEFINITION_ID;
    }
}

package org.wfmagentsync.directory;

/** What names a Genesys Cloud user in a mapping: its id, or what the org's directory finds it by. */
public enum UserKey {
    USER_ID("user id"),
    EMAIL("email"),
    USERNAME("username"),
    EMPLOYEE_ID("employee id");

    private final String words;

    UserKey(String words) {
        this.words = words;
    }

    /** How a message names it, e.g. {@code employee id}. */
    public String words() {
        return words;
    }

    /** Whether a user named so is found through the org's directory (all but the id). */
    public boolean viaDirectory() {
        return this != USER_ID;
    }
}

package org.wfmagentsync.config;

/** A configuration value that is missing or not acceptable; the message names the key in one line. */
public final class ConfigException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key at fault (the first one, when several are reported together). */
    public String key() {
        return key;
    }
}

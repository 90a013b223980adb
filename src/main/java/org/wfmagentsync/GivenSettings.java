package org.wfmagentsync;

import java.util.Optional;
import java.util.Properties;

/**
 * Settings a container hands the connector rather than a file it reads, e.g. the dictionary Karaf's
 * Config Admin holds for {@code etc/org.wfmagentsync.cfg}. They go to Camel as initial properties
 * over the built-in defaults, so system properties and environment variables still win over them,
 * as they win over the properties file standalone.
 *
 * @param name     where they come from, as the operator knows it
 * @param settings the keys and values, copied
 */
record GivenSettings(String name, Properties settings) implements SettingsOrigin {

    GivenSettings {
        Properties copy = new Properties();
        copy.putAll(settings);
        settings = copy;
    }

    @Override
    public Properties read() {
        Properties copy = new Properties();
        copy.putAll(settings);
        return copy;
    }

    @Override
    public Optional<String> location() {
        return Optional.empty();
    }
}

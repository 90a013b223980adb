package org.wfmagentsync.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A set of key definitions in groups, in the spirit of Kafka Connect's {@code ConfigDef}: what the
 * reference and the properties file are generated from, and what Camel's initial properties (the
 * defaults, lowest precedence) are taken from.
 */
public final class ConfigDef {

    private final List<ConfigGroup> groups = new ArrayList<>();
    private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();

    /** Opens a group; keys defined through it follow the group's previous keys. */
    public ConfigGroup group(String title, String introduction) {
        ConfigGroup group = new ConfigGroup(this, title, introduction);
        groups.add(group);
        return group;
    }

    public ConfigGroup group(String title) {
        return group(title, "");
    }

    void register(ConfigKey<?> key) {
        if (keys.putIfAbsent(key.name(), key) != null) {
            throw new IllegalArgumentException(key.name() + " is defined twice");
        }
    }

    public List<ConfigGroup> groups() {
        return Collections.unmodifiableList(groups);
    }

    /** Every key, group by group, in definition order. */
    public List<ConfigKey<?>> keys() {
        return List.copyOf(keys.values());
    }

    /** The definition of {@code name}, if it is one of these keys. */
    public Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** Every default, for {@code Main.setInitialProperties}: below the properties file, the environment and overrides. */
    public Properties initialProperties() {
        Properties defaults = new Properties();
        keys.values().forEach(key -> key.defaultValue().ifPresent(value -> defaults.setProperty(key.name(), value)));
        return defaults;
    }
}

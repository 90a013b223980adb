package org.wfmagentsync.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A titled group of keys (a section of the properties file and of the reference), keys in definition order. */
public final class ConfigGroup {

    private final ConfigDef definition;
    private final String title;
    private final String introduction;
    private final List<ConfigKey<?>> keys = new ArrayList<>();

    ConfigGroup(ConfigDef definition, String title, String introduction) {
        this.definition = definition;
        this.title = title;
        this.introduction = introduction;
    }

    /** Defines a key with a default ({@code ""} for an empty one). */
    public <T> ConfigKey<T> define(String name, ConfigType<T> type, String defaultValue, String documentation) {
        return add(new ConfigKey<>(name, type, defaultValue, documentation, this, false));
    }

    /** Defines a key that has no default: unset until configured. */
    public <T> ConfigKey<T> defineWithoutDefault(String name, ConfigType<T> type, String documentation) {
        return add(new ConfigKey<>(name, type, null, documentation, this, false));
    }

    /** Defines a secret: text, never printed, set through the environment; {@code empty} says whether it defaults to empty or to unset. */
    public ConfigKey<String> defineSecret(String name, boolean empty, String documentation) {
        return add(new ConfigKey<>(name, ConfigTypes.text("text (secret)"), empty ? "" : null, documentation, this, true));
    }

    public String title() {
        return title;
    }

    /** Text that applies to the whole group; empty when there is none. */
    public String introduction() {
        return introduction;
    }

    public List<ConfigKey<?>> keys() {
        return Collections.unmodifiableList(keys);
    }

    private <T> ConfigKey<T> add(ConfigKey<T> key) {
        definition.register(key);
        keys.add(key);
        return key;
    }
}

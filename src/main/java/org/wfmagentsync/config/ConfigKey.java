package org.wfmagentsync.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key: its name, type, default (as written in a properties file; none means the
 * key is unset until someone sets it), documentation, group and whether it is a secret, whose value
 * is never printed. Built through {@link ConfigGroup#define}.
 */
public final class ConfigKey<T> {

    private final String name;
    private final ConfigType<T> type;
    private final String defaultValue;
    private final String documentation;
    private final ConfigGroup group;
    private final boolean secret;

    ConfigKey(String name, ConfigType<T> type, String defaultValue, String documentation, ConfigGroup group,
            boolean secret) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.documentation = Objects.requireNonNull(documentation);
        this.group = Objects.requireNonNull(group);
        this.secret = secret;
        if (secret && defaultValue != null && !defaultValue.isEmpty()) {
            throw new IllegalArgumentException(name + " is a secret and cannot have a default");
        }
        if (defaultValue != null) {
            parse(defaultValue); // a default the key's own type refuses is a bug in the definition
        }
    }

    public String name() {
        return name;
    }

    public ConfigType<T> type() {
        return type;
    }

    /** The default as text, as it goes into Camel's initial properties; empty when the key has none. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String documentation() {
        return documentation;
    }

    public ConfigGroup group() {
        return group;
    }

    public boolean isSecret() {
        return secret;
    }

    /** The environment variable Camel reads for this key: upper case, dots and dashes turned into underscores. */
    public String environmentVariable() {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of {@code text} (trimmed), or a {@link ConfigException} naming the key, the value (unless secret) and what is accepted. */
    public T parse(String text) {
        String value = text.trim();
        try {
            return type.parse(value);
        } catch (ConfigType.Rejected rejected) {
            String shown = secret ? "a value that is not shown (secret)"
                    : rejected.quoted() ? "'" + value + "'" : value;
            String detail = secret || rejected.detail() == null ? "" : " (" + rejected.detail() + ")";
            throw new ConfigException(name, name + " " + rejected.requirement() + ", got " + shown + detail);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

package org.wfmagentsync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed reading of configuration keys from Camel's properties (overrides, system properties,
 * environment, the properties file, the initial properties), checked against each key's
 * definition; every error names the key.
 */
public final class ConfigReader {

    private final Function<String, Optional<String>> lookup;

    /** Reads through {@code lookup}, e.g. a map in a test; Camel's properties in the connector. */
    public ConfigReader(Function<String, Optional<String>> lookup) {
        this.lookup = Objects.requireNonNull(lookup);
    }

    public ConfigReader(PropertiesComponent properties) {
        this(properties::resolveProperty);
    }

    public static ConfigReader of(CamelContext context) {
        return new ConfigReader(context.getPropertiesComponent());
    }

    /**
     * The value of {@code key}: as configured, else its default. A key that has neither fails with
     * {@code configuration key <name> is not set}.
     */
    public <T> T get(ConfigKey<T> key) {
        return key.parse(text(key).orElseThrow(
                () -> new ConfigException(key.name(), "configuration key " + key.name() + " is not set")));
    }

    /** The value of {@code key} when it is set to something (configured or by default); empty when unset or blank. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        return text(key).filter(text -> !text.isBlank()).map(key::parse);
    }

    /** Whether {@code key} has a non-blank value, configured or by default. */
    public boolean isSet(ConfigKey<?> key) {
        return text(key).filter(text -> !text.isBlank()).isPresent();
    }

    /**
     * Every key of {@code definition} read once; a value that is not acceptable fails the whole
     * check with all such errors, one per key, so an operator fixes them in one go.
     */
    public void validate(ConfigDef definition) {
        List<ConfigException> problems = new ArrayList<>();
        for (ConfigKey<?> key : definition.keys()) {
            try {
                text(key).ifPresent(key::parse);
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.get(0).key(), problems.size() + " configuration errors: "
                    + String.join("; ", problems.stream().map(ConfigException::getMessage).toList()));
        }
    }

    private Optional<String> text(ConfigKey<?> key) {
        return lookup.apply(key.name()).or(key::defaultValue);
    }
}

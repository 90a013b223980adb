package org.wfmagentsync;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/** Typed access to the connector's configuration keys, with errors that name the key. */
final class Settings {

    private final PropertiesComponent properties;

    Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    String text(String key) {
        return properties.resolveProperty(key)
                .map(String::trim)
                .orElseThrow(() -> new IllegalStateException("configuration key " + key + " is not set"));
    }

    String textOrEmpty(String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }

    int integer(String key, int min, int max) {
        String value = text(key);
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new IllegalStateException(key + " must be between " + min + " and " + max + ", got " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a whole number, got '" + value + "'");
        }
    }

    double decimal(String key) {
        String value = text(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a number, got '" + value + "'");
        }
    }

    Duration millis(String key) {
        return Duration.ofMillis(integer(key, 0, Integer.MAX_VALUE));
    }

    Set<String> list(String key) {
        return Arrays.stream(textOrEmpty(key).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}

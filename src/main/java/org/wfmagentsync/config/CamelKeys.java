package org.wfmagentsync.config;

import static org.wfmagentsync.config.ConfigTypes.bool;
import static org.wfmagentsync.config.ConfigTypes.millis;
import static org.wfmagentsync.config.ConfigTypes.text;
import static org.wfmagentsync.config.ConfigTypes.wholeNumber;

import java.time.Duration;

/**
 * Camel's own keys that the connector also reads. Camel defines them (its defaults, its
 * documentation, its fail-fast check of misspelt {@code camel.*} keys); these definitions only give
 * the connector a typed reading, so they carry no default and are not part of the connector's
 * initial properties or of its generated reference table.
 */
public final class CamelKeys {

    private static final ConfigDef DEFINITION = new ConfigDef();

    private static final ConfigGroup READ = DEFINITION.group("Camel keys the connector reads");

    public static final ConfigKey<Boolean> MANAGEMENT_ENABLED = READ.defineWithoutDefault("camel.management.enabled",
            bool(), "Whether the management server runs: the connector then checks, before anything opens, that its"
                    + " port is free.");
    public static final ConfigKey<String> MANAGEMENT_HOST = READ.defineWithoutDefault("camel.management.host",
            text("host name or address"), "Off loopback, the connector requires wfm.api.token.");
    public static final ConfigKey<Integer> MANAGEMENT_PORT = READ.defineWithoutDefault("camel.management.port",
            wholeNumber(1, 65535), "The port the connector checks at start-up and gives the REST API's routes.");
    public static final ConfigKey<Duration> HTTP_RESPONSE_TIMEOUT = READ.defineWithoutDefault(
            "camel.component.http.response-timeout", millis(), "Named in the run's error when the legacy feed times"
                    + " out.");

    private CamelKeys() {
    }

    public static ConfigDef definition() {
        return DEFINITION;
    }
}

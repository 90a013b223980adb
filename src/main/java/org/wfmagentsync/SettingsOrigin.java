package org.wfmagentsync;

import java.util.Optional;
import java.util.Properties;

/**
 * Where the connector's settings come from: the properties file when it runs standalone
 * ({@link ConfigFile}), or what a container hands it, such as Karaf's Config Admin
 * ({@link GivenSettings}). Either way the same keys are read and checked the same way.
 */
sealed interface SettingsOrigin permits ConfigFile, GivenSettings {

    /** As the operator knows it, in messages and the start-up summary, e.g. {@code config/application.properties}. */
    String name();

    /** The settings as given; a file that is not there fails the start with one line. */
    Properties read();

    /** A location for Camel's properties component, or empty when the settings go in as initial properties. */
    Optional<String> location();
}

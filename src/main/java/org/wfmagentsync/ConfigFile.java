package org.wfmagentsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The properties file: {@code config/application.properties} in the folder the connector is started
 * from (its install folder, which also holds {@code routes/}), or the file {@code WFM_CONFIG_FILE}
 * names. A file that is not there fails the start saying where it was looked for and what to do,
 * instead of Camel's {@code FileNotFoundException: config/application.properties}.
 *
 * @param path  as given: relative paths are relative to the working directory
 * @param named whether {@code WFM_CONFIG_FILE} named it
 */
record ConfigFile(String path, boolean named) implements SettingsOrigin {

    static final String VARIABLE = "WFM_CONFIG_FILE";
    static final String DEFAULT = "config/application.properties";

    static ConfigFile from(Map<String, String> environment) {
        String named = environment.get(VARIABLE);
        return named == null || named.isBlank() ? new ConfigFile(DEFAULT, false) : new ConfigFile(named.trim(), true);
    }

    @Override
    public String name() {
        return path;
    }

    /** For Camel's properties component. */
    @Override
    public Optional<String> location() {
        return Optional.of("file:" + path);
    }

    /** The file's properties, as Camel reads them; a file that is not there fails the start with one line. */
    @Override
    public Properties read() {
        Path file = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(missing(file));
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private String missing(Path file) {
        String what = Files.isDirectory(file) ? "is a folder, not a properties file" : "does not exist";
        String workingDirectory = Path.of("").toAbsolutePath().toString();
        if (named) {
            return VARIABLE + " names " + path + ", and " + file + " " + what + " (working directory " + workingDirectory
                    + "): point it at the properties file";
        }
        return "no configuration file: " + file + " " + what + ". The connector runs from its install folder, the one"
                + " that holds config/ and routes/ (the working directory is " + workingDirectory + "): start it"
                + " there, or set " + VARIABLE + " to the properties file and give routes and mapping files absolute"
                + " paths in it";
    }
}

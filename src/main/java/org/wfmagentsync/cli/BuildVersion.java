package org.wfmagentsync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version the build gave the connector, for {@code --version}: from {@code build.properties},
 * which Maven fills in (so it holds on the test and IDE class path too), else the jar manifest's
 * {@code Implementation-Version}.
 */
public final class BuildVersion implements IVersionProvider {

    private static final String RESOURCE = "build.properties";

    /** This build's version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when it was not built by Maven. */
    public static String version() {
        String filtered = built().getProperty("version");
        if (isFilled(filtered)) {
            return filtered;
        }
        String manifest = BuildVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }

    @Override
    public String[] getVersion() {
        String camel = built().getProperty("camel");
        return new String[] {"wfm-agent-sync " + version(),
                "Apache Camel " + (isFilled(camel) ? camel : "unknown") + ", Java " + System.getProperty("java.version")};
    }

    private static Properties built() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException unreadable) {
            // no version then; --version says unknown
        }
        return properties;
    }

    /** Not an unfiltered placeholder (a class path that skipped Maven's resource filtering). */
    private static boolean isFilled(String value) {
        return value != null && !value.isBlank() && !value.contains("${");
    }
}

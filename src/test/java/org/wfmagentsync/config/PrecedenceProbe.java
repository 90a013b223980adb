package org.wfmagentsync.config;

import java.util.Properties;
import org.apache.camel.main.Main;

/**
 * A Camel Main set up as the connector sets up its configuration (the definitions' defaults as
 * initial properties, a properties file, override properties), in a JVM of its own so a test can
 * give it environment variables and system properties. Prints {@code key=reader value|placeholder value}
 * for each key named after the file; arguments with {@code =} are override properties.
 */
public final class PrecedenceProbe {

    private PrecedenceProbe() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.setInitialProperties(ConnectorConfig.definition().initialProperties());
        main.setPropertyPlaceholderLocations("file:" + args[0]);
        Properties overrides = new Properties();
        for (int i = 1; i < args.length; i++) {
            if (args[i].contains("=")) {
                overrides.setProperty(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
            }
        }
        main.setOverrideProperties(overrides);
        main.start();
        try {
            ConfigReader config = ConfigReader.of(main.getCamelContext());
            for (int i = 1; i < args.length; i++) {
                if (!args[i].contains("=")) {
                    ConfigKey<?> key = ConnectorConfig.definition().key(args[i]).orElseThrow();
                    System.out.println(key.name() + "=" + config.get(key) + "|"
                            + main.getCamelContext().resolvePropertyPlaceholders("{{" + key.name() + "}}"));
                }
            }
        } finally {
            main.stop();
        }
    }
}

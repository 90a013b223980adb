package org.wfmagentsync.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes what the definitions say for people: the reference page ({@code docs/configuration.md})
 * and the commented-out section of the connector's keys in {@code config/application.properties}.
 * Both are generated, so neither can drift from the definitions; a test keeps the committed files current.
 */
public final class ConfigReference {

    /** The command that rewrites the generated files after a definition changed. */
    public static final String REGENERATE =
            "mvn -B -o -q test -Dtest=ConfigurationReferenceTest -Dwfm.config.regenerate=true";

    static final String BEGIN = "# BEGIN GENERATED CONNECTOR KEYS";
    static final String END = "# END GENERATED CONNECTOR KEYS";

    private static final int WIDTH = 100;
    private static final String RULE = "# " + "-".repeat(93);

    private ConfigReference() {
    }

    /** The whole of {@code docs/configuration.md}. */
    public static String markdown(ConfigDef connector, ConfigDef camelRead) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
                .append("<!-- Generated from org.wfmagentsync.config.ConnectorConfig: do not edit by hand. After changing a\n")
                .append("     definition, regenerate this file and config/application.properties with\n     ")
                .append(REGENERATE).append(" -->\n\n")
                .append(PRECEDENCE).append('\n').append(secrets(connector)).append('\n');
        for (ConfigGroup group : connector.groups()) {
            out.append("## ").append(group.title()).append("\n\n");
            if (!group.introduction().isEmpty()) {
                out.append(String.join("\n", wrap(group.introduction(), ""))).append("\n\n");
            }
            table(out, group.keys(), true);
        }
        out.append(CAMEL);
        for (ConfigGroup group : camelRead.groups()) {
            table(out, group.keys(), false);
        }
        return out.toString();
    }

    /** The generated section of {@code config/application.properties}, markers included. */
    public static String propertiesSection(ConfigDef connector) {
        List<String> lines = new ArrayList<>();
        lines.add(BEGIN);
        lines.add("# The connector's own keys with their defaults, which are built in: a line that stays commented");
        lines.add("# out keeps its default. To change a value, remove the leading # and edit it (or set the");
        lines.add("# environment variable). docs/configuration.md describes every key. This section is generated");
        lines.add("# from org.wfmagentsync.config.ConnectorConfig; after changing a definition, regenerate it with");
        lines.add("# " + REGENERATE);
        for (ConfigGroup group : connector.groups()) {
            lines.add("");
            lines.add(RULE);
            lines.add("# " + group.title());
            lines.add(RULE);
            if (!group.introduction().isEmpty()) {
                lines.addAll(comment(group.introduction()));
            }
            for (ConfigKey<?> key : group.keys()) {
                lines.add("");
                lines.addAll(comment(key.documentation()));
                if (!ConfigTypes.isFreeText(key.type())) {
                    lines.addAll(comment("Accepted: " + key.type().accepted() + "."));
                }
                String value = key.isSecret() ? "" : key.defaultValue().orElse("");
                lines.add("#" + key.name() + " =" + (value.isEmpty() ? "" : " " + value));
            }
        }
        lines.add(END);
        return String.join("\n", lines) + "\n";
    }

    /** {@code file} with its generated section replaced by {@code section}; the markers must be there. */
    public static String replaceSection(String file, String section) {
        int begin = file.indexOf(BEGIN);
        int end = file.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the properties file has no '" + BEGIN + "' ... '" + END + "' section");
        }
        int afterEnd = file.indexOf('\n', end);
        return file.substring(0, begin) + section + (afterEnd < 0 ? "" : file.substring(afterEnd + 1));
    }

    private static void table(StringBuilder out, List<ConfigKey<?>> keys, boolean withDefault) {
        out.append(withDefault ? "| key | environment variable | default | what it does | accepted values |\n|---|---|---|---|---|\n"
                : "| key | what the connector does with it | accepted values |\n|---|---|---|\n");
        for (ConfigKey<?> key : keys) {
            out.append("| `").append(key.name()).append("` | ");
            if (withDefault) {
                out.append('`').append(key.environmentVariable()).append("` | ").append(shownDefault(key)).append(" | ");
            }
            out.append(cell(key.documentation())).append(" | ").append(cell(key.type().accepted())).append(" |\n");
        }
        out.append('\n');
    }

    private static String shownDefault(ConfigKey<?> key) {
        return key.defaultValue().map(value -> value.isEmpty() ? "empty" : "`" + value + "`").orElse("not set");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("*", "\\*");
    }

    /** {@code text} as comment lines of at most {@link #WIDTH} characters, broken between words. */
    private static List<String> comment(String text) {
        return wrap(text, "# ");
    }

    private static List<String> wrap(String text, String prefix) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.split(" ")) {
            if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(prefix);
            }
            line.append(line.length() > prefix.length() ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static final String PRECEDENCE = """
            Every one of the connector's own keys, with its default, what it does and the values it accepts.
            A value that is not accepted stops the start with one line naming the key, the value and what is
            accepted, e.g. `wfm.push.batch-size must be between 1 and 100, got 250`. So does a key in the
            connector's namespaces (`wfm.*`, `genesys.*`, `legacy.*`, `sandbox.*`) that is none of these
            (nor, in the quick start, one of the sandbox's keys), naming the closest one:
            `config/application.properties sets wfm.push.batchsize, which is not a setting; did you mean
            wfm.push.batch-size?`. An environment variable that matches no key is a warning
            ([misspelt keys](setup.md#misspelt-keys)).

            ## Where a value comes from

            From lowest to highest precedence (a later one wins), as Camel Main resolves them:

            1. the defaults below, built into the connector;
            2. `config/application.properties` (or the file `WFM_CONFIG_FILE` names): the connector's keys
               are listed there commented out, with their defaults; uncomment a line to change it;
            3. override properties that embedding code and tests pass to Camel Main;
            4. Java system properties (`-Dwfm.push.max-concurrent=4`, e.g. in `JAVA_TOOL_OPTIONS`);
            5. environment variables: the key upper-cased, dots and dashes turned into underscores
               (`wfm.push.max-concurrent` -> `WFM_PUSH_MAX_CONCURRENT`). Camel looks at the environment
               first, so a variable wins even over `-D`.
            """;

    private static String secrets(ConfigDef connector) {
        List<String> names = connector.keys().stream().filter(ConfigKey::isSecret).map(key -> "`" + key.name() + "`")
                .toList();
        String listed = String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return "## Secrets\n\n" + String.join("\n", wrap(listed + " are secrets: set them through their environment"
                + " variables (from a secret store), not in a file. The connector never prints them: an error about a"
                + " secret names the key, not the value, and neither this reference nor the properties file shows a"
                + " value for one.", "")) + "\n";
    }

    private static final String CAMEL = """
            ## Camel's keys

            `camel.*` keys are Camel's own: `config/application.properties` sets the ones the connector needs
            (Camel Main, the HTTP component's timeouts and pool, TLS, the management server, metrics), and
            Camel documents them and fails the start on a misspelt one (`camel.main.auto-configuration-fail-fast`),
            which the connector says in one line with Camel's closest option: `config/application.properties
            sets camel.main.shutdown-timout, which is not a Camel option; did you mean
            camel.main.shutdown-timeout?`. A key under a group Camel has not got (`camel.managment.port`),
            which Camel ignores, is a warning.
            The sandbox's own `sandbox.*` keys (other than `sandbox.mapping-file`) belong to the sandbox
            (`SandboxSettings`). Camel skips environment variables ending in `_PORT` (it takes them for
            Kubernetes service links): set `camel.management.port` in the file or with `-D`. The connector
            reads these Camel keys too:

            """;
}

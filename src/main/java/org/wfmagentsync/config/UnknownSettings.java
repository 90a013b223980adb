package org.wfmagentsync.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The connector's namespaces ({@code wfm.*}, {@code genesys.*}, {@code legacy.*}, {@code sandbox.*})
 * checked against the keys that exist: the connector's definitions and, when a sandbox is installed,
 * the sandbox's own keys. A key set in a file or as a {@code -D} system property that is none of them
 * is a mistake (nothing would read it, and its default would apply in silence), so it stops the start,
 * naming the closest known key. An environment variable that matches no key is only warned about:
 * the environment also holds what other programs read. Pure: the caller says what was set where.
 */
public final class UnknownSettings {

    /** The namespaces the connector owns. */
    public static final List<String> PREFIXES = List.of("wfm.", "genesys.", "legacy.", "sandbox.");

    /**
     * Variables the project reads or documents that are not settings: the configuration file, the
     * command line's address, the log level and format (logback.xml's), and the container check's
     * scratch folder and duration.
     */
    public static final Set<String> OTHER_VARIABLES = Set.of("WFM_CONFIG_FILE", "WFM_API_URL", "WFM_LOG_LEVEL",
            "WFM_LOG_FORMAT", "WFM_CHECK_DIR", "WFM_CHECK_SECONDS");

    private static final String SANDBOX = "sandbox.";
    private static final String NO_SANDBOX = "this jar has no sandbox (the quick start jar has one), so nothing reads it";

    /** One name that is not a setting: what to tell the operator, and whether the start stops for it. */
    public record Finding(String name, String message, boolean stopsTheStart) {
    }

    private final List<String> keys;
    private final List<String> variables;
    private final boolean sandboxInstalled;

    /**
     * @param connector   the connector's definitions
     * @param sandboxKeys the installed sandbox's own keys; empty when no sandbox is installed
     */
    public UnknownSettings(ConfigDef connector, Optional<? extends Collection<String>> sandboxKeys) {
        List<String> names = new ArrayList<>(connector.keys().stream().map(ConfigKey::name).toList());
        sandboxKeys.ifPresent(names::addAll);
        keys = List.copyOf(names);
        List<String> known = new ArrayList<>(keys.stream().map(UnknownSettings::variableOf).toList());
        known.addAll(OTHER_VARIABLES.stream().sorted().toList());
        variables = List.copyOf(known);
        sandboxInstalled = sandboxKeys.isPresent();
    }

    /**
     * The names among {@code names} in the connector's namespaces that are not settings.
     *
     * @param source where they are set, as the operator knows it: {@code config/application.properties},
     *               {@code a system property (-D)}
     */
    public List<Finding> in(String source, Collection<String> names) {
        List<Finding> findings = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            if (PREFIXES.stream().noneMatch(name::startsWith) || keys.contains(name)) {
                continue;
            }
            if (!sandboxInstalled && name.startsWith(SANDBOX)) {
                findings.add(new Finding(name, source + " sets " + name + ", a sandbox setting, but " + NO_SANDBOX, false));
            } else {
                findings.add(new Finding(name, source + " sets " + name + ", which is not a setting"
                        + suggestion(name, keys, "every key"), true));
            }
        }
        return findings;
    }

    /** The {@code WFM_*}, {@code GENESYS_*}, {@code LEGACY_*} and {@code SANDBOX_*} variables among {@code names} that match no key. */
    public List<Finding> inEnvironment(Collection<String> names) {
        List<Finding> findings = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            if (PREFIXES.stream().noneMatch(prefix -> name.startsWith(variableOf(prefix))) || variables.contains(name)) {
                continue;
            }
            String message = !sandboxInstalled && name.startsWith(variableOf(SANDBOX))
                    ? "the environment variable " + name + " is for the sandbox, but " + NO_SANDBOX
                    : "the environment variable " + name + " matches no setting, so nothing reads it"
                            + suggestion(name, variables, "every key's variable");
            findings.add(new Finding(name, message, false));
        }
        return findings;
    }

    /** Stops the start when a finding does: its line, or, for several, one line with all of them. */
    public static void requireNone(List<Finding> findings) {
        List<Finding> stopping = findings.stream().filter(Finding::stopsTheStart).toList();
        if (stopping.size() == 1) {
            throw new ConfigException(stopping.get(0).name(), stopping.get(0).message());
        }
        if (!stopping.isEmpty()) {
            throw new ConfigException(stopping.get(0).name(), stopping.size() + " unknown settings: "
                    + String.join("; ", stopping.stream().map(Finding::message).toList()));
        }
    }

    private static String suggestion(String name, List<String> known, String listed) {
        return ClosestName.among(name, known).map(closest -> "; did you mean " + closest + "?")
                .orElse(" (docs/configuration.md lists " + listed + ")");
    }

    /** The variable Camel reads for a key: upper case, dots and dashes turned into underscores. */
    private static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}

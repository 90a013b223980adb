package org.wfmagentsync.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The rule of {@code wfm.mode}: whether a start runs against the sandbox or a real org, and what to
 * add when the real org's settings are incomplete. A pure function of its inputs (no Camel, no
 * process environment), so that the rule is tested with a fake environment.
 *
 * @param sandbox whether to start the sandbox
 * @param hint    for a real org: what to tell an operator whose settings are incomplete
 */
record TargetChoice(boolean sandbox, String hint) {

    /** What an operator runs for the sandbox: the quick start, from the project root. */
    static final String QUICK_START = "mvn -q -DskipTests clean package && java -jar quickstart/target/wfm-agent-sync-quickstart.jar";

    /** The settings that point at a real org or legacy system; any of them keeps {@code auto} off the sandbox. */
    static final List<String> REAL_TARGET_KEYS = List.of("genesys.region", "genesys.api-url", "genesys.login-url",
            "genesys.client-id", "genesys.client-secret", "genesys.presence-source-id", "genesys.presence-source-name",
            "legacy.agents-url");

    private static final List<String> REAL_TARGET_PREFIXES = List.of("GENESYS_", "LEGACY_");

    /**
     * @param mode             {@code wfm.mode}: auto (or empty), sandbox or genesys
     * @param sandboxAvailable whether a {@link SandboxTarget} is on the class path
     * @param environment      the process environment; only its variable names are read
     * @param setting          the connector's resolved settings (null or blank: not set)
     */
    static TargetChoice decide(String mode, boolean sandboxAvailable, Map<String, String> environment,
            Function<String, String> setting) {
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "genesys" -> new TargetChoice(false, "WFM_MODE is genesys, which never runs the sandbox");
            case "sandbox" -> {
                if (!sandboxAvailable) {
                    throw new IllegalStateException("WFM_MODE is sandbox, but this jar has no sandbox (the production build"
                            + " leaves it out): run the quick start from the project root instead, " + QUICK_START);
                }
                yield new TargetChoice(true, "");
            }
            case "auto", "" -> auto(sandboxAvailable, realTargetSettings(environment, setting));
            default -> throw new IllegalStateException("WFM_MODE must be auto, sandbox or genesys, got '" + mode + "'");
        };
    }

    private static TargetChoice auto(boolean sandboxAvailable, List<String> present) {
        if (!sandboxAvailable) {
            return new TargetChoice(false, "this jar has no sandbox: to try the connector against a simulated Genesys Cloud,"
                    + " run the quick start from the project root, " + QUICK_START);
        }
        if (!present.isEmpty()) {
            return new TargetChoice(false, "the sandbox is not started because " + String.join(", ", present)
                    + (present.size() == 1 ? " is" : " are") + " set: unset every GENESYS_* and LEGACY_* setting,"
                    + " or set WFM_MODE=sandbox, to run against it");
        }
        return new TargetChoice(true, "");
    }

    /**
     * The names (never the values) of what points at a real target: every GENESYS_* or LEGACY_*
     * environment variable, even an empty one (a secret that failed to load must not turn a
     * production start into a sandbox run), then each of {@link #REAL_TARGET_KEYS} set otherwise.
     * Other keys with defaults in the configuration file (genesys.token-refresh-margin-ms,
     * legacy.future-tolerance-ms) count only through their environment variable.
     */
    static List<String> realTargetSettings(Map<String, String> environment, Function<String, String> setting) {
        List<String> present = new ArrayList<>(environment.keySet().stream()
                .filter(name -> REAL_TARGET_PREFIXES.stream().anyMatch(name::startsWith)).sorted().toList());
        for (String key : REAL_TARGET_KEYS) {
            String value = setting.apply(key);
            if (value != null && !value.isBlank() && !present.contains(environmentName(key))) {
                present.add(key);
            }
        }
        return present;
    }

    /** The environment variable Camel Main reads for a key: genesys.client-id is GENESYS_CLIENT_ID. */
    private static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}

package org.wfmagentsync;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.cli.OperatorCli;
import org.wfmagentsync.config.ConnectorConfig;
import org.wfmagentsync.target.SandboxTarget;
import org.wfmagentsync.target.TargetResolver;

/**
 * Starts the connector (Camel Main with the routes in {@code routes/} and the settings in
 * {@code config/}), or, given {@code deadletters ...}, {@code runs}, {@code check} or {@code mapping
 * export}, the operators' command line.
 */
public final class WfmAgentSync {

    private static final Logger LOG = LoggerFactory.getLogger(WfmAgentSync.class);

    private WfmAgentSync() {
    }

    public static void main(String[] args) {
        if (OperatorCli.handles(args)) {
            System.exit(OperatorCli.execute(args, System.out, System.err, System.getenv(),
                    new OfflineCommands(System.getenv(), new Properties(), true)));
        }
        int exitCode;
        try {
            exitCode = connector(new Properties()).run(args.length > 0 && args[0].equals("run")
                    ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
        } catch (Exception e) {
            LOG.error("wfm-agent-sync could not start: {}", rootMessage(e));
            exitCode = 1;
        }
        // the sandbox's servers are not daemon threads: leave explicitly
        System.exit(exitCode);
    }

    /** The failure's message, with its root cause's when it has one: what a start that failed logs. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (cause: " + root.getMessage() + ")";
    }

    /**
     * The connector, not yet started; {@code overrides} win over the configuration file (tests use them).
     * The connector keys' defaults come from their definitions, below everything else.
     */
    public static Main connector(Properties overrides) {
        return connector(System.getenv(), overrides);
    }

    /** As {@link #connector(Properties)}, with {@code environment} for the configuration file and the unknown-variable warnings. */
    static Main connector(Map<String, String> environment, Properties overrides) {
        ConnectorMain main = main(ConfigFile.from(environment), environment, false);
        main.setOverrideProperties(overrides);
        main.configure().addConfiguration(SyncBeans.class);
        return main;
    }

    /**
     * The connector embedded in a container that hands it its settings instead of a file, as Karaf's
     * Config Admin does ({@code wfm-agent-sync-karaf}), not yet started: the same beans, routes and
     * checks as standalone, the settings over the built-in defaults and under system properties and
     * environment variables. It registers no JVM shutdown hook (the container stops it with
     * {@link Main#stop()}), and it never starts a sandbox, which only the quick start carries.
     *
     * @param settingsName where the settings come from, as the operator knows it (in messages and the summary)
     * @param settings     the keys and values, the same as in {@code config/application.properties}
     */
    public static Main embedded(String settingsName, Properties settings) {
        ConnectorMain main = main(new GivenSettings(settingsName, settings), System.getenv(), false);
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        main.configure().addConfiguration(SyncBeans.class);
        return main;
    }

    /**
     * The connector as {@link DryRun} starts it: the same configuration, beans and routes, with
     * {@link DryRun#SETTINGS} over {@code overrides}, and {@code findings} where the stages report.
     */
    static ConnectorMain dryRun(Map<String, String> environment, Properties overrides, DryRunFindings findings) {
        ConnectorMain main = main(ConfigFile.from(environment), environment, true);
        Properties settings = new Properties();
        settings.putAll(overrides);
        DryRun.SETTINGS.forEach(settings::setProperty);
        main.setOverrideProperties(settings);
        main.configure().addConfiguration(new SyncBeans(findings));
        return main;
    }

    /**
     * Camel Main as every start of the connector builds it: the installed sandbox's keys known, the
     * target decided before anything is built, and as initial properties the connector keys' defaults
     * with, when the settings are given rather than read from a file ({@link GivenSettings}), those
     * settings over them.
     */
    private static ConnectorMain main(SettingsOrigin settings, Map<String, String> environment, boolean dryRun) {
        ConnectorMain main = new ConnectorMain(settings, environment,
                SandboxTarget.installed().map(SandboxTarget::settingNames), new TargetResolver(), dryRun);
        Properties initial = ConnectorConfig.definition().initialProperties();
        if (settings.location().isEmpty()) {
            initial.putAll(settings.read());
        }
        main.setInitialProperties(initial);
        return main;
    }
}

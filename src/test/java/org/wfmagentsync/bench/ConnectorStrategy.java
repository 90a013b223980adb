package org.wfmagentsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.wfmagentsync.StateTable;
import org.wfmagentsync.WfmAgentSync;
import org.wfmagentsync.model.RunSummary;

/**
 * wfm-agent-sync itself: the real connector (Camel Main, routes/, config/application.properties as
 * shipped) pointed at the simulated systems, doing one sync run from the pull to the last delivery.
 * The benchmark runs it, like every strategy, in a JVM of its own ({@link StrategyFork}).
 */
final class ConnectorStrategy implements Strategy {

    private final String name;
    private final Map<String, String> settings;
    private final java.util.function.Predicate<Scenario> where;

    /** {@code settings} override config/application.properties; empty means the shipped defaults. */
    ConnectorStrategy(String name, Map<String, String> settings) {
        this(name, settings, scenario -> true);
    }

    /** {@code dropOnly}: measured only in the scenario where the session limit drops mid-run. */
    ConnectorStrategy(String name, Map<String, String> settings, boolean dropOnly) {
        this(name, settings, scenario -> !dropOnly || scenario.limitDropAfter() != null);
    }

    /** Measured only in the scenarios {@code where} accepts (settings made for one kind of tenant, say). */
    ConnectorStrategy(String name, Map<String, String> settings, java.util.function.Predicate<Scenario> where) {
        this.name = name;
        this.settings = settings;
        this.where = where;
    }

    /** Every scenario, both kinds too, unless it was made for some of them only. */
    @Override
    public boolean runsIn(Scenario scenario) {
        return where.test(scenario);
    }

    /** The connector runs as it ships: with the options of {@code config/jvm.options}, which the image starts it with. */
    @Override
    public java.util.List<String> jvmOptions() {
        return shippedJvmOptions();
    }

    /** The lines of {@code config/jvm.options} that are options (not comments, not blank). */
    static java.util.List<String> shippedJvmOptions() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("config", "jvm.options")).stream()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read config/jvm.options", e);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String name() {
        return name;
    }

    private Main main;

    /** Starts the connector (Camel Main, routes, state database): once, like the long-running service it is. */
    @Override
    public void prepare(Scenario scenario, Target target) throws Exception {
        Path state = Files.createTempDirectory("wfm-bench-");
        Properties properties = new Properties();
        properties.setProperty("wfm.mode", "genesys");
        properties.setProperty("genesys.api-url", target.apiUrl());
        properties.setProperty("genesys.login-url", target.loginUrl());
        properties.setProperty("genesys.client-id", target.clientId());
        properties.setProperty("genesys.client-secret", target.clientSecret());
        properties.setProperty("genesys.presence-source-id", target.presenceSourceId());
        properties.setProperty("legacy.agents-url", target.legacyAgentsUrl());
        properties.setProperty("wfm.mapping.agents-file", target.agentMappingCsv().toString());
        // presences only, as every other strategy sends them: the same requests for the same agents; with both
        // kinds, the shipped mapping, which gives every state a presence and a routing status
        properties.setProperty("wfm.mapping.states-file", scenario.bothKinds()
                ? StateTable.SHIPPED.toAbsolutePath().toString()
                : StateTable.writePresenceOnly(state.resolve("states.csv")).toString());
        properties.setProperty("wfm.db.url", "jdbc:h2:file:" + state.resolve("state").toAbsolutePath());
        properties.setProperty("wfm.schedule.enabled", "false");
        properties.setProperty("wfm.schedule.run-at-startup", "false");
        properties.setProperty("camel.management.port", Integer.toString(freePort()));
        // The connector is told the publishing window as a deployment would configure it.
        properties.setProperty("wfm.window.mode", scenario.insideWindow() ? "on" : "off");
        settings.forEach(properties::setProperty);
        main = WfmAgentSync.connector(properties);
        main.start();
    }

    @Override
    public boolean pullsItself() {
        return true;
    }

    /** One sync run, from the pull of the legacy feed to the last delivery. */
    @Override
    public Outcome run(Scenario scenario, Target target) throws Exception {
        RunSummary run = syncOnce();
        return new Outcome(false, run.delivered() + run.deadLettered(), run.retries(), null, null,
                new LimitStart(run.limitStart(), run.limitFrom()));
    }

    /** One sync run of the connector started by {@link #prepare}, and its summary. */
    RunSummary syncOnce() {
        return main.getCamelContext().createProducerTemplate().requestBody("direct:sync-run", null, RunSummary.class);
    }

    @Override
    public void close() throws Exception {
        if (main != null) {
            main.stop();
            main = null;
        }
    }
}

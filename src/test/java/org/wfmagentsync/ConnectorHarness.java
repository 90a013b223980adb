package org.wfmagentsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentTruth;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.sandbox.UserPresence;
import org.wfmagentsync.sandbox.WindowMode;
import org.wfmagentsync.store.DeadLetterStore;

/**
 * The real connector (Camel Main, the route files in routes/, config/application.properties)
 * against a sandbox on random loopback ports, with its own state database in a temporary folder.
 * Quartz is off so each test triggers runs itself through {@code direct:sync-run}. Public for
 * {@link #freePort()}, which the Karaf module's test uses too.
 */
public final class ConnectorHarness implements AutoCloseable {

    /** The shipped states mapping, a presence and a routing status for every state: a run sends both kinds. */
    static final Map<String, String> BOTH_KINDS = Map.of("wfm.mapping.states-file",
            StateTable.SHIPPED.toAbsolutePath().toString());

    final Sandbox sandbox;
    final Path workDir;
    private final Properties overrides = new Properties();
    private Main main;

    private ConnectorHarness(Sandbox sandbox, Path workDir) {
        this.sandbox = sandbox;
        this.workDir = workDir;
    }

    static ConnectorHarness start(Consumer<SandboxSettings.Builder> sandboxSettings, Map<String, String> properties) {
        return start(sandboxSettings, properties, Clock.systemUTC());
    }

    /** With the sandbox set up by {@code beforeConnector} before the connector starts (its org's directory down, say). */
    static ConnectorHarness start(Consumer<SandboxSettings.Builder> sandboxSettings, Map<String, String> properties,
            Consumer<Sandbox> beforeConnector) {
        return start(sandboxSettings, properties, Clock.systemUTC(), beforeConnector);
    }

    /** With the sandbox on its own clock, e.g. a {@link org.wfmagentsync.sandbox.MutableClock} to expire its tokens. */
    static ConnectorHarness start(Consumer<SandboxSettings.Builder> sandboxSettings, Map<String, String> properties,
            Clock sandboxClock) {
        return start(sandboxSettings, properties, sandboxClock, sandbox -> { });
    }

    /**
     * With {@code beforeConnector} done to the started sandbox before the connector starts: an org
     * set up a certain way (a role without a permission, no presence source), or the sandbox kept
     * for a test whose connector must fail to start.
     */
    static ConnectorHarness start(Consumer<SandboxSettings.Builder> sandboxSettings, Consumer<Sandbox> beforeConnector,
            Map<String, String> properties) {
        return start(sandboxSettings, properties, Clock.systemUTC(), beforeConnector);
    }

    private static ConnectorHarness start(Consumer<SandboxSettings.Builder> sandboxSettings,
            Map<String, String> properties, Clock sandboxClock, Consumer<Sandbox> beforeConnector) {
        // the publishing window off unless a test turns it on: its weekly schedule must not make a test depend on the day
        SandboxSettings.Builder builder = SandboxSettings.builder().windowMode(WindowMode.OFF).seed(7).legacyAgents(250)
                .legacyChangeShare(0).noLatency();
        sandboxSettings.accept(builder);
        Sandbox sandbox = Sandbox.start(builder.build(), sandboxClock);
        try {
            beforeConnector.accept(sandbox);
            Path workDir = Files.createTempDirectory("wfm-test-");
            ConnectorHarness harness = new ConnectorHarness(sandbox, workDir);
            sandbox.writeAgentMappingCsv(workDir.resolve("agents.csv"));
            harness.defaults();
            properties.forEach(harness.overrides::setProperty);
            harness.startConnector();
            return harness;
        } catch (IOException | RuntimeException e) {
            sandbox.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    static ConnectorHarness start() {
        return start(settings -> { }, Map.of());
    }

    private void defaults() {
        Map<String, String> p = new HashMap<>(targetSettings(sandbox, workDir));
        p.put("genesys.client-secret", sandbox.settings().clientSecret());
        p.put("wfm.schedule.run-at-startup", "false");
        p.put("wfm.retry.initial-delay-ms", "5");
        p.put("wfm.retry.max-delay-ms", "50");
        p.put("camel.management.port", Integer.toString(freePort()));
        p.forEach(overrides::setProperty);
    }

    /**
     * What points a connector at this sandbox, with its mapping files and state database in
     * {@code workDir}; no secret (the client secret is added where it belongs: properties in this
     * JVM, the environment for a connector process). Quartz is off, and so is the publishing-window
     * profile: tests must not depend on the day they run. The states mapping is the shipped one as it
     * was before routing statuses, presences only ({@link StateTable#presenceOnly()}): what the tests
     * written for presence alone expect, and a file of that shape must keep working. A test of both
     * kinds sets {@code wfm.mapping.states-file} to {@link #BOTH_KINDS}.
     */
    static Map<String, String> targetSettings(Sandbox sandbox, Path workDir) {
        SandboxSettings settings = sandbox.settings();
        Map<String, String> p = new HashMap<>();
        p.put("wfm.mode", "genesys");
        p.put("genesys.api-url", sandbox.genesys().baseUrl());
        p.put("genesys.login-url", sandbox.genesys().baseUrl());
        p.put("genesys.client-id", settings.clientId());
        p.put("genesys.presence-source-id", settings.presenceSourceId());
        p.put("legacy.agents-url", sandbox.legacy().agentsUrl());
        p.put("wfm.mapping.agents-file", workDir.resolve("agents.csv").toString());
        p.put("wfm.mapping.states-file", StateTable.writePresenceOnly(workDir.resolve("states.csv")).toString());
        p.put("wfm.db.url", "jdbc:h2:file:" + workDir.resolve("state").toAbsolutePath());
        p.put("wfm.schedule.enabled", "false");
        p.put("wfm.window.mode", "off");
        return p;
    }

    /** A setting for the next {@link #startConnector()}. */
    void setProperty(String key, String value) {
        overrides.setProperty(key, value);
    }

    void startConnector() {
        main = WfmAgentSync.connector(overrides);
        try {
            main.start();
        } catch (RuntimeException e) {
            main = null;
            throw e;
        }
    }

    void stopConnector() {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    /** Stops the connector and starts a new one on the same state database. */
    void restartConnector() {
        stopConnector();
        startConnector();
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    String property(String key) {
        return context().resolvePropertyPlaceholders("{{" + key + "}}");
    }

    /** One sync run, start to end, as Quartz would trigger it. */
    RunSummary runOnce() {
        return context().createProducerTemplate().requestBody("direct:sync-run", null, RunSummary.class);
    }

    DeadLetterStore deadLetterStore() {
        return context().getRegistry().lookupByNameAndType("deadLetterStore", DeadLetterStore.class);
    }

    List<DeadLetter> openDeadLetters() {
        return deadLetterStore().listOpen(100_000);
    }

    /** What the simulated Genesys Cloud should hold per user if everything in the legacy system was delivered. */
    Map<String, String> expectedPresenceByUser() {
        return expectedPresenceByUser(sandbox);
    }

    static Map<String, String> expectedPresenceByUser(Sandbox sandbox) {
        Map<String, String> presenceByState = StateTable.load(StateTable.SHIPPED);
        Map<String, String> expected = new HashMap<>();
        for (Map.Entry<String, AgentTruth> agent : sandbox.legacy().truth().entrySet()) {
            AgentTruth truth = agent.getValue();
            expected.put(SandboxUsers.userIdOf(agent.getKey()),
                    StateTable.presenceOf(presenceByState, truth.state().name(), truth.reason()));
        }
        return expected;
    }

    /** As {@link #expectedPresenceByUser(Sandbox)}, without the users of these agents (their events are refused). */
    static Map<String, String> expectedPresenceByUser(Sandbox sandbox, Set<String> rejectedAgents) {
        Map<String, String> expected = expectedPresenceByUser(sandbox);
        rejectedAgents.forEach(agent -> expected.remove(SandboxUsers.userIdOf(agent)));
        return expected;
    }

    /**
     * Makes the user of every {@code every}-th of the sandbox's {@code agents} agents (from the
     * middle of each stretch) unknown to Genesys Cloud, which refuses their events; returns those agents.
     */
    static Set<String> rejectUnknownUsers(Sandbox sandbox, int agents, int every) {
        Set<String> known = new HashSet<>();
        Set<String> rejected = new HashSet<>();
        for (int i = 0; i < agents; i++) {
            String agent = SandboxUsers.agentId(i, agents);
            if (i % every == every / 2) {
                rejected.add(agent);
            } else {
                known.add(SandboxUsers.userIdOf(agent));
            }
        }
        sandbox.genesys().setKnownUsers(known);
        return rejected;
    }

    /**
     * What the simulated Genesys Cloud should hold as each user's routing status if everything in the
     * legacy system was delivered: the legacy state through the shipped mapping's routing column.
     */
    Map<String, String> expectedRoutingStatusByUser() {
        Map<String, String> routingByState = StateTable.loadRouting(StateTable.SHIPPED);
        Map<String, String> expected = new HashMap<>();
        for (Map.Entry<String, AgentTruth> agent : sandbox.legacy().truth().entrySet()) {
            AgentTruth truth = agent.getValue();
            expected.put(SandboxUsers.userIdOf(agent.getKey()),
                    StateTable.presenceOf(routingByState, truth.state().name(), truth.reason()));
        }
        return expected;
    }

    /** The routing status the simulated Genesys Cloud holds per user. */
    Map<String, String> actualRoutingStatusByUser() {
        Map<String, String> actual = new HashMap<>();
        sandbox.genesys().routingState().forEach((user, held) -> actual.put(user, held.status()));
        return actual;
    }

    /** What the simulated Genesys Cloud holds per user. */
    Map<String, String> actualPresenceByUser() {
        return actualPresenceByUser(sandbox);
    }

    static Map<String, String> actualPresenceByUser(Sandbox sandbox) {
        Map<String, String> actual = new HashMap<>();
        for (Map.Entry<String, UserPresence> user : sandbox.genesys().state().entrySet()) {
            actual.put(user.getKey(), user.getValue().presenceDefinitionId());
        }
        return actual;
    }

    /** A loopback port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            stopConnector();
        } finally {
            sandbox.close();
        }
    }
}

package org.wfmagentsync.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Both simulators started from one SandboxSettings; closing it stops both. */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxSettings settings;
    private final LegacySimulator legacy;
    private final GenesysSimulator genesys;

    private Sandbox(SandboxSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.legacy = new LegacySimulator(settings, clock);
        this.genesys = new GenesysSimulator(settings, clock);
    }

    /** Starts both simulators on the system UTC clock. */
    public static Sandbox start(SandboxSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts both simulators on the given clock (e.g. a {@link MutableClock} in tests). */
    public static Sandbox start(SandboxSettings settings, Clock clock) {
        Sandbox sandbox = new Sandbox(settings, clock);
        try {
            sandbox.legacy.start();
            sandbox.genesys.start();
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    public SandboxSettings settings() {
        return settings;
    }

    public LegacySimulator legacy() {
        return legacy;
    }

    public GenesysSimulator genesys() {
        return genesys;
    }

    /** Writes the agent-to-user mapping CSV for this sandbox's agents. */
    public void writeAgentMappingCsv(Path file) throws IOException {
        SandboxUsers.writeAgentMappingCsv(file, settings.legacyAgents());
    }

    @Override
    public void close() {
        try {
            legacy.close();
        } finally {
            genesys.close();
        }
    }

    /**
     * Runs the sandbox stand-alone with {@code -Dsandbox.*} system properties until the JVM is
     * stopped, for a connector started elsewhere (in a container, by {@code .ci/check-container}).
     * With {@code -Dsandbox.mapping-file=FILE} it writes the agent mapping there. It prints, as
     * environment variables, what points a connector at it, the client secret included: the
     * sandbox's own, which {@code -Dsandbox.genesys.clientSecret} sets.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        SandboxSettings settings = SandboxSettings.fromProperties(System::getProperty);
        Sandbox sandbox = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        String mappingFile = System.getProperty(SandboxSettings.PREFIX + "mapping-file", "").trim();
        if (!mappingFile.isEmpty()) {
            sandbox.writeAgentMappingCsv(Path.of(mappingFile));
        }
        LOG.info("Sandbox running: legacy feed {}, Genesys {}, presence source {}", sandbox.legacy.agentsUrl(),
                sandbox.genesys.baseUrl(), settings.presenceSourceId());
        System.out.print(sandbox.connectorEnvironment(mappingFile));
        System.out.flush();
        stopped.await();
    }

    /** The connector's environment variables that point it at this sandbox, one {@code NAME=value} a line. */
    String connectorEnvironment(String mappingFile) {
        StringBuilder lines = new StringBuilder()
                .append("GENESYS_API_URL=").append(genesys.baseUrl()).append('\n')
                .append("GENESYS_LOGIN_URL=").append(genesys.baseUrl()).append('\n')
                .append("GENESYS_CLIENT_ID=").append(settings.clientId()).append('\n')
                .append("GENESYS_CLIENT_SECRET=").append(settings.clientSecret()).append('\n')
                .append("GENESYS_PRESENCE_SOURCE_ID=").append(settings.presenceSourceId()).append('\n')
                .append("LEGACY_AGENTS_URL=").append(legacy.agentsUrl()).append('\n');
        if (!mappingFile.isEmpty()) {
            lines.append("WFM_MAPPING_AGENTS_FILE=").append(mappingFile).append('\n');
        }
        return lines.toString();
    }
}

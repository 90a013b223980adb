package org.wfmagentsync.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.target.SandboxTarget;

/**
 * The sandbox module's simulators as the connector's {@link SandboxTarget}: what the quick start
 * runs against when nothing is configured. Registered in
 * {@code META-INF/services/org.wfmagentsync.target.SandboxTarget}.
 */
public final class BuiltInSandbox implements SandboxTarget {

    /** Where the agent mapping goes when {@code sandbox.mapping-file} is not set. */
    static final String DEFAULT_MAPPING_FILE = "data/sandbox-agents.csv";

    @Override
    public Running start(Function<String, String> settings) {
        SandboxSettings sandboxSettings = SandboxSettings.fromProperties(settings);
        String mappingFile = settings.apply("sandbox.mapping-file");
        Path agentsFile = Path.of(mappingFile == null || mappingFile.isBlank() ? DEFAULT_MAPPING_FILE : mappingFile.trim());
        Sandbox sandbox = Sandbox.start(sandboxSettings);
        try {
            // the sandbox's agents are not in config/agents.csv: the connector maps them with this file
            sandbox.writeAgentMappingCsv(agentsFile);
        } catch (IOException e) {
            sandbox.close();
            throw new UncheckedIOException("cannot write the sandbox agent mapping " + agentsFile + ": " + e.getMessage(), e);
        }
        String genesys = sandbox.genesys().baseUrl();
        Endpoints endpoints = new Endpoints(genesys, genesys, sandboxSettings.clientId(), sandboxSettings.clientSecret(),
                sandboxSettings.presenceSourceId(), sandbox.legacy().agentsUrl(), agentsFile);
        String banner = "Simulated legacy system: " + sandbox.legacy().agentsUrl() + "\n"
                + "Simulated Genesys Cloud:  " + genesys + "  (state: /sandbox/state)";
        return new Started(sandbox, endpoints, banner);
    }

    @Override
    public Set<String> settingNames() {
        return Set.copyOf(SandboxSettings.KEYS);
    }

    private record Started(Sandbox sandbox, Endpoints endpoints, String banner) implements Running {

        @Override
        public void close() {
            sandbox.close();
        }
    }
}

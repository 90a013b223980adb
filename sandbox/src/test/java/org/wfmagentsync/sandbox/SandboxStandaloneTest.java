package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the stand-alone sandbox prints for a connector started elsewhere (.ci/check-container reads it). */
class SandboxStandaloneTest {

    @Test
    void the_printed_environment_points_a_connector_at_this_sandbox() {
        SandboxSettings settings = SandboxSettings.builder().legacyAgents(3).noLatency().clientId("c").clientSecret("s").build();
        try (Sandbox sandbox = Sandbox.start(settings)) {
            Map<String, String> printed = new LinkedHashMap<>();
            sandbox.connectorEnvironment("/tmp/agents.csv").lines()
                    .forEach(line -> printed.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));

            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("GENESYS_API_URL", sandbox.genesys().baseUrl());
            expected.put("GENESYS_LOGIN_URL", sandbox.genesys().baseUrl());
            expected.put("GENESYS_CLIENT_ID", "c");
            expected.put("GENESYS_CLIENT_SECRET", "s");
            expected.put("GENESYS_PRESENCE_SOURCE_ID", SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID);
            expected.put("LEGACY_AGENTS_URL", sandbox.legacy().agentsUrl());
            expected.put("WFM_MAPPING_AGENTS_FILE", "/tmp/agents.csv");
            assertEquals(expected, printed);
        }
    }
}

package org.wfmagentsync.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.WfmAgentSync;

/** The quick start's class path (connector + sandbox + BuiltInSandbox): with nothing configured, the sandbox. */
class BuiltInSandboxTest {

    @Test
    void with_nothing_configured_the_connector_runs_against_the_built_in_sandbox() throws Exception {
        // any GENESYS_* or LEGACY_* variable keeps the connector off the sandbox, by design
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("GENESYS_") || name.startsWith("LEGACY_")),
                "no GENESYS_* or LEGACY_* variable in this test's environment");
        Path dir = Files.createTempDirectory("wfm-quickstart-");
        int port = ManagementApi.freePort();
        Properties properties = new Properties();
        properties.setProperty("wfm.mode", "auto");
        properties.setProperty("wfm.db.url", "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath());
        properties.setProperty("sandbox.mapping-file", dir.resolve("sandbox-agents.csv").toString());
        properties.setProperty("wfm.schedule.enabled", "false");
        properties.setProperty("wfm.schedule.run-at-startup", "true");
        properties.setProperty("wfm.schedule.startup-delay-ms", "10");
        properties.setProperty("sandbox.legacy.agents", "300");
        properties.setProperty("sandbox.genesys.latency.medianMs", "0");
        properties.setProperty("camel.management.port", Integer.toString(port));
        Main main = WfmAgentSync.connector(properties);
        try {
            main.start();
            JsonNode run = new ManagementApi(port).awaitFinishedRun(Duration.ofSeconds(20));

            assertEquals("SUCCEEDED", run.path("outcome").asText(), run.toString());
            // the shipped states.csv gives every state a presence and a routing status: 300 agents, 600 events
            assertEquals(300, run.path("byKind").path("PRESENCE").path("delivered").asInt(), run.toString());
            assertEquals(300, run.path("byKind").path("ROUTING_STATUS").path("delivered").asInt(), run.toString());
            assertEquals(600, run.path("delivered").asInt(), run.toString());
            assertTrue(main.getCamelContext().resolvePropertyPlaceholders("{{genesys.api-url}}").startsWith("http://127.0.0.1:"),
                    "the sandbox, on loopback");
        } finally {
            main.stop();
        }
    }

    @Test
    void a_misspelt_sandbox_key_stops_the_start_naming_the_closest_sandbox_key() throws Exception {
        Path dir = Files.createTempDirectory("wfm-quickstart-");
        Properties properties = new Properties();
        properties.setProperty("wfm.mode", "sandbox");
        properties.setProperty("wfm.db.url", "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath());
        properties.setProperty("sandbox.mapping-file", dir.resolve("sandbox-agents.csv").toString());
        properties.setProperty("sandbox.genesys.latency.medianMS", "0");
        properties.setProperty("camel.management.port", Integer.toString(ManagementApi.freePort()));
        Main main = WfmAgentSync.connector(properties);

        Exception failure = assertThrows(Exception.class, main::start);

        assertEquals("an override property sets sandbox.genesys.latency.medianMS, which is not a setting; did you mean"
                + " sandbox.genesys.latency.medianMs?", failure.getMessage());
        assertFalse(Files.exists(dir.resolve("sandbox-agents.csv")), "the sandbox was not started");
    }
}

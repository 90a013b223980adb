package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.store.RunSummaryStore;

class TargetResolutionTest {

    @Test
    void a_real_org_target_with_missing_settings_fails_at_start_naming_each_one() throws Exception {
        Properties properties = isolated();
        properties.setProperty("wfm.mode", "genesys");
        Main main = WfmAgentSync.connector(properties);

        Exception failure = assertThrows(Exception.class, main::start);

        String message = FullSyncTest.rootMessage(failure);
        for (String missing : new String[] {"GENESYS_REGION (or both GENESYS_API_URL and GENESYS_LOGIN_URL)",
                "GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "GENESYS_PRESENCE_SOURCE_ID", "LEGACY_AGENTS_URL"}) {
            assertTrue(message.contains(missing), "names " + missing + ": " + message);
        }
    }

    @Test
    void the_region_sets_both_hosts_and_an_unknown_region_is_refused() throws Exception {
        Properties properties = realOrg();
        properties.setProperty("genesys.region", "eu-west-1");
        Main main = WfmAgentSync.connector(properties);
        try {
            main.start();
            assertEquals("https://api.mypurecloud.ie", main.getCamelContext().resolvePropertyPlaceholders("{{genesys.api-url}}"));
            assertEquals("https://login.mypurecloud.ie",
                    main.getCamelContext().resolvePropertyPlaceholders("{{genesys.login-url}}"));
        } finally {
            main.stop();
        }

        Properties unknown = realOrg();
        unknown.setProperty("genesys.region", "mars-north-1");
        Exception failure = assertThrows(Exception.class, WfmAgentSync.connector(unknown)::start);
        assertTrue(FullSyncTest.rootMessage(failure).contains("GENESYS_REGION 'mars-north-1' is not a Genesys Cloud region"));
    }

    @Test
    void with_nothing_configured_the_connector_runs_against_the_built_in_sandbox() throws Exception {
        Properties properties = isolated();
        properties.setProperty("wfm.mode", "auto");
        properties.setProperty("wfm.schedule.run-at-startup", "true");
        properties.setProperty("wfm.schedule.startup-delay-ms", "10");
        properties.setProperty("sandbox.legacy.agents", "300");
        properties.setProperty("sandbox.genesys.latency.medianMs", "0");
        Main main = WfmAgentSync.connector(properties);
        try {
            main.start();
            RunSummaryStore runs = main.getCamelContext().getRegistry()
                    .lookupByNameAndType("runSummaryStore", RunSummaryStore.class);
            // a run is kept from its start as RUNNING; wait for its end
            Bounded.await(() -> !runs.latest(1).isEmpty() && runs.latest(1).get(0).outcome() != RunSummary.Outcome.RUNNING,
                    Duration.ofSeconds(20), "the start-up run to end");

            RunSummary run = runs.latest(1).get(0);
            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(300, run.delivered());
            assertTrue(main.getCamelContext().resolvePropertyPlaceholders("{{genesys.api-url}}").startsWith("http://127.0.0.1:"),
                    "the sandbox, on loopback");
        } finally {
            main.stop();
        }
    }

    private static Properties realOrg() throws Exception {
        Properties properties = isolated();
        properties.setProperty("wfm.mode", "genesys");
        properties.setProperty("genesys.client-id", "client");
        properties.setProperty("genesys.client-secret", "secret");
        properties.setProperty("genesys.presence-source-id", "source");
        properties.setProperty("legacy.agents-url", "http://127.0.0.1:1/api/agents");
        return properties;
    }

    /** Settings that keep a test's connector away from ./data and from other tests' ports. */
    private static Properties isolated() throws Exception {
        Path dir = Files.createTempDirectory("wfm-target-");
        Properties properties = new Properties();
        properties.setProperty("wfm.db.url", "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath());
        properties.setProperty("sandbox.mapping-file", dir.resolve("sandbox-agents.csv").toString());
        properties.setProperty("wfm.schedule.enabled", "false");
        properties.setProperty("wfm.schedule.run-at-startup", "false");
        properties.setProperty("camel.management.port", Integer.toString(ConnectorHarness.freePort()));
        return properties;
    }
}

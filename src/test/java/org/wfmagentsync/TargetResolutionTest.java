package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** What the connector's own jar talks to; it has no sandbox (the quick start's tests cover that one). */
class TargetResolutionTest {

    @Test
    void a_real_org_target_with_missing_settings_fails_at_start_naming_each_one() throws Exception {
        Properties properties = isolated();
        properties.setProperty("wfm.mode", "genesys");
        Main main = WfmAgentSync.connector(properties);

        Exception failure = assertThrows(Exception.class, main::start);

        String message = FullSyncTest.rootMessage(failure);
        for (String missing : new String[] {"GENESYS_REGION (or both GENESYS_API_URL and GENESYS_LOGIN_URL)",
                "GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "GENESYS_PRESENCE_SOURCE_ID", "LEGACY_AGENTS_URL",
                // and the keys, for settings kept in a file (Karaf's etc/org.wfmagentsync.cfg among them)
                "genesys.region (or genesys.api-url and genesys.login-url)", "genesys.client-id", "genesys.client-secret",
                "genesys.presence-source-id (or genesys.presence-source-name)", "legacy.agents-url"}) {
            assertTrue(message.contains(missing), "names " + missing + ": " + message);
        }
    }

    @Test
    void the_region_sets_both_hosts_and_an_unknown_region_is_refused() throws Exception {
        Properties properties = realOrg();
        properties.setProperty("genesys.region", "eu-west-1");
        Main main = WfmAgentSync.connector(properties);
        try {
            // configured, not started: a start would call the region's hosts to check the presence source
            main.init();
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
    void with_nothing_configured_the_connector_jar_fails_at_start_naming_what_is_missing_and_how_to_run_the_sandbox()
            throws Exception {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("GENESYS_") || name.startsWith("LEGACY_")),
                "no GENESYS_* or LEGACY_* variable in this test's environment");
        Properties properties = isolated();
        properties.setProperty("wfm.mode", "auto");
        Main main = WfmAgentSync.connector(properties);

        Exception failure = assertThrows(Exception.class, main::start);

        String message = FullSyncTest.rootMessage(failure);
        for (String missing : new String[] {"GENESYS_REGION (or both GENESYS_API_URL and GENESYS_LOGIN_URL)",
                "GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "GENESYS_PRESENCE_SOURCE_ID", "LEGACY_AGENTS_URL"}) {
            assertTrue(message.contains(missing), "names " + missing + ": " + message);
        }
        assertTrue(message.contains("java -jar quickstart/target/wfm-agent-sync-quickstart.jar"), message);
    }

    @Test
    void sandbox_mode_fails_at_start_in_the_connector_jar_naming_the_quick_start() throws Exception {
        Properties properties = isolated();
        properties.setProperty("wfm.mode", "sandbox");
        Main main = WfmAgentSync.connector(properties);

        Exception failure = assertThrows(Exception.class, main::start);

        String message = FullSyncTest.rootMessage(failure);
        assertTrue(message.contains("this jar has no sandbox"), message);
        assertTrue(message.contains("java -jar quickstart/target/wfm-agent-sync-quickstart.jar"), message);
        assertFalse(message.contains("cannot connect to Genesys Cloud"), "not taken for a real org: " + message);
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
        properties.setProperty("wfm.schedule.enabled", "false");
        properties.setProperty("wfm.schedule.run-at-startup", "false");
        properties.setProperty("camel.management.port", Integer.toString(ConnectorHarness.freePort()));
        return properties;
    }
}

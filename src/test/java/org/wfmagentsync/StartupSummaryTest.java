package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * What a start prints, at the levels a deployment logs with: a few lines saying what the connector
 * talks to (credentials masked) and where health, metrics and the API are, on the host and port the
 * server listens on; Camel's one "started" line; no property listing, no 0.0.0.0, no secret.
 */
class StartupSummaryTest {

    private static final String LEGACY_PASSWORD = "legacy-pw-4711";
    private static final String API_TOKEN = "api-token-4711";

    @TempDir
    Path dir;

    @Test
    void the_start_says_in_a_few_lines_what_it_connects_to_and_where_health_metrics_and_the_api_are() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(5).noLatency().build());
                CapturedLog log = CapturedLog.atDeploymentLevels()) {
            // a mapping that is there: a missing one makes the mapping-files health check DOWN
            sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));
            int port = ConnectorHarness.freePort();
            Properties properties = new Properties();
            Map<String, String> settings = new HashMap<>(ConnectorHarness.targetSettings(sandbox, dir));
            settings.put("genesys.client-secret", sandbox.settings().clientSecret());
            settings.put("legacy.agents-url", sandbox.legacy().agentsUrl() + "?authMethod=Basic&authUsername=wfm"
                    + "&authPassword=RAW({{legacy.password}})");
            settings.put("legacy.password", LEGACY_PASSWORD);
            settings.put("wfm.api.token", API_TOKEN);
            settings.put("wfm.schedule.run-at-startup", "false");
            settings.put("camel.management.port", Integer.toString(port));
            settings.forEach(properties::setProperty);
            Main main = WfmAgentSync.connector(properties);
            List<String> summary;
            try {
                main.start();
                summary = log.lines().stream().filter(line -> line.contains(" org.wfmagentsync.StartupSummary "))
                        .map(line -> line.substring(line.indexOf(" - ") + 3)).toList();
                HttpResponse<String> health = ManagementApi.send(port, "GET", "/observe/health");
                assertEquals(200, health.statusCode(), "the health URL the summary names answers");
            } finally {
                main.stop();
            }

            String base = "http://127.0.0.1:" + port;
            String genesys = sandbox.genesys().baseUrl();
            assertEquals(10, summary.size(), String.join("\n", summary));
            assertTrue(summary.get(0).startsWith("wfm-agent-sync is running: "), summary.get(0));
            assertTrue(summary.get(0).contains(" routes from " + Path.of("routes").toRealPath()
                    + ", settings from config/application.properties"), summary.get(0));
            assertEquals("  target:   Genesys Cloud " + genesys + " (login " + genesys + ")", summary.get(1));
            assertEquals("  source:   presence source 'wfm-agent-sync' " + sandbox.settings().presenceSourceId()
                    + " (checked: it exists and is active)", summary.get(2));
            assertEquals("  legacy:   " + sandbox.legacy().agentsUrl()
                    + "?authMethod=Basic&authUsername=xxxxxx&authPassword=xxxxxx", summary.get(3));
            assertEquals("  state:    jdbc:h2:file:" + dir.resolve("state").toAbsolutePath(), summary.get(4));
            assertEquals("  health:   " + base + "/observe/health", summary.get(5));
            assertEquals("  metrics:  " + base + "/observe/metrics", summary.get(6));
            assertTrue(summary.get(7).startsWith("  API:      " + base + "/api/dead-letters, "), summary.get(7));
            assertTrue(summary.get(7).endsWith(" (bearer token required)"), summary.get(7));
            assertFalse(summary.get(7).contains("/console"), "the console's files are not API resources: " + summary.get(7));
            assertEquals("  console:  " + base + "/console/ (the dead letters in a browser)", summary.get(8));
            assertEquals("  schedule: no cron (wfm.schedule.enabled=false)", summary.get(9));

            List<String> lines = log.lines();
            String all = String.join("\n", lines);
            assertTrue(log.anyLineContains("Apache Camel ", " (wfm-agent-sync) started in "), "Camel's own start-up line\n" + all);
            assertFalse(lines.stream().anyMatch(line -> line.startsWith("WARN org.wfmagentsync.ConnectorMain")
                    && !line.contains("the environment variable")), "the shipped settings warn of nothing\n" + all);
            for (String misleading : new String[] {"0.0.0.0", "Property-placeholders summary", "Auto-configuration summary",
                    "Routes startup", "[InitialProperties]", LEGACY_PASSWORD, API_TOKEN, sandbox.settings().clientSecret()}) {
                assertFalse(all.contains(misleading), "nothing says " + misleading + "\n" + all);
            }
        }
    }
}

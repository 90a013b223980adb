package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelt key fails loudly, with a real Camel Main started as the connector starts it: in the
 * properties file or as -D it stops the start with one line naming the key and the closest known
 * one, before anything is opened; in the environment it is one warning; a misspelt camel.* key is
 * one line too, instead of Camel's "Error binding property ... on bean: ...@5c87bfe2".
 */
class StrictConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void a_misspelt_connector_key_in_the_file_stops_the_start_before_anything_opens_naming_the_closest_key() throws Exception {
        Path file = propertiesFile("wfm.push.batchsize = 50");

        Exception failure = assertThrows(Exception.class, connector(Map.of("WFM_CONFIG_FILE", file.toString()))::start);

        assertEquals(file + " sets wfm.push.batchsize, which is not a setting; did you mean wfm.push.batch-size?",
                failure.getMessage());
        try (var created = Files.list(dir)) {
            assertEquals(List.of(file), created.toList(), "no state database was opened");
        }
    }

    @Test
    void a_misspelt_key_given_as_a_system_property_stops_the_start_as_well() {
        System.setProperty("wfm.retry.max-redelivery", "3");
        try {
            Exception failure = assertThrows(Exception.class, connector(Map.of())::start);

            assertEquals("a system property (-D) sets wfm.retry.max-redelivery, which is not a setting; did you mean"
                    + " wfm.retry.max-redeliveries?", failure.getMessage());
        } finally {
            System.clearProperty("wfm.retry.max-redelivery");
        }
    }

    @Test
    void an_environment_variable_that_matches_no_setting_is_one_warning_naming_the_closest_and_the_start_goes_on()
            throws Exception {
        try (CapturedLog log = CapturedLog.warnings()) {
            startAndStop(Map.of("WFM_PUSH_BATCHSIZE", "50", "WFM_PUSH_BATCH_SIZE", "50", "WFM_LOG_LEVEL", "INFO",
                    "PATH", "/usr/bin"));

            assertEquals(1, log.linesContaining("the environment variable"), String.join("\n", log.lines()));
            assertTrue(log.anyLineContains("WARN", "the environment variable WFM_PUSH_BATCHSIZE matches no setting, so"
                    + " nothing reads it; did you mean WFM_PUSH_BATCH_SIZE?"), String.join("\n", log.lines()));
        }
    }

    @Test
    void without_a_sandbox_a_sandbox_key_in_the_file_is_a_warning_and_the_start_goes_on() throws Exception {
        Path file = propertiesFile("sandbox.legacy.agents = 300");
        try (CapturedLog log = CapturedLog.warnings()) {
            startAndStop(Map.of("WFM_CONFIG_FILE", file.toString()));

            assertTrue(log.anyLineContains("WARN", file + " sets sandbox.legacy.agents, a sandbox setting, but this jar"
                    + " has no sandbox (the quick start jar has one), so nothing reads it"), String.join("\n", log.lines()));
        }
    }

    @Test
    void a_key_of_a_camel_group_that_does_not_exist_is_a_warning_naming_the_closest_group() throws Exception {
        Path file = propertiesFile("camel.managment.port = 9999");
        try (CapturedLog log = CapturedLog.warnings()) {
            startAndStop(Map.of("WFM_CONFIG_FILE", file.toString()));

            assertTrue(log.anyLineContains("WARN", file + " sets camel.managment.port, but Camel has no camel.managment"
                    + " group, so nothing reads it; did you mean camel.management.port?"), String.join("\n", log.lines()));
        }
    }

    @Test
    void a_misspelt_camel_key_is_named_in_one_line_with_the_closest_camel_option() throws Exception {
        Path main = propertiesFile("camel.main.shutdown-timout = 5");
        Exception failure = assertThrows(Exception.class, connector(Map.of("WFM_CONFIG_FILE", main.toString()))::start);
        assertEquals(main + " sets camel.main.shutdown-timout, which is not a Camel option; did you mean"
                + " camel.main.shutdown-timeout?", failure.getMessage());

        Path component = propertiesFile("camel.component.http.connect-timout = 5");
        failure = assertThrows(Exception.class, connector(Map.of("WFM_CONFIG_FILE", component.toString()))::start);
        assertEquals(component + " sets camel.component.http.connect-timout, which is not a Camel option; did you mean"
                + " camel.component.http.connect-timeout?", failure.getMessage());
        assertFalse(failure.getMessage().contains("@"), "no bean identity: " + failure.getMessage());
    }

    @Test
    void a_camel_key_far_from_every_option_says_where_the_options_are_listed() throws Exception {
        Path file = propertiesFile("camel.management.listen-everywhere = true");

        Exception failure = assertThrows(Exception.class, connector(Map.of("WFM_CONFIG_FILE", file.toString()))::start);

        assertEquals(file + " sets camel.management.listen-everywhere, which is not a Camel option (Camel Main's"
                + " options: https://camel.apache.org/components/4.14.x/others/main.html)", failure.getMessage());
    }

    /** config/application.properties as shipped, plus {@code line}. */
    private Path propertiesFile(String line) throws IOException {
        Path file = Files.createTempFile(dir, "application-", ".properties");
        Files.writeString(file, Files.readString(Path.of("config/application.properties"), StandardCharsets.ISO_8859_1)
                + "\n" + line + "\n", StandardCharsets.ISO_8859_1);
        return file;
    }

    /** A connector that would start against a real org that is never called: runs are off, the state database is in {@link #dir}. */
    private Main connector(Map<String, String> environment) {
        Properties properties = new Properties();
        properties.setProperty("wfm.mode", "genesys");
        properties.setProperty("genesys.api-url", "http://127.0.0.1:1");
        properties.setProperty("genesys.login-url", "http://127.0.0.1:1");
        properties.setProperty("genesys.client-id", "client");
        properties.setProperty("genesys.client-secret", "secret");
        properties.setProperty("genesys.presence-source-id", "source");
        properties.setProperty("legacy.agents-url", "http://127.0.0.1:1/api/agents");
        properties.setProperty("wfm.db.url", "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath());
        properties.setProperty("wfm.schedule.enabled", "false");
        properties.setProperty("wfm.schedule.run-at-startup", "false");
        properties.setProperty("camel.management.port", Integer.toString(ConnectorHarness.freePort()));
        return WfmAgentSync.connector(environment, properties);
    }

    /** Starts the connector with this environment and stops it again: what a start warns of is then in the log. */
    private void startAndStop(Map<String, String> environment) throws Exception {
        Main main = connector(environment);
        try {
            main.start();
        } finally {
            main.stop();
        }
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Started outside its install folder, the connector says where it looked for its configuration and
 * what to do, instead of {@code FileNotFoundException: config/application.properties}.
 */
class ConfigFileLocationTest {

    @TempDir
    Path dir;

    @Test
    void started_from_another_folder_it_exits_1_naming_the_absolute_path_the_install_folder_and_WFM_CONFIG_FILE()
            throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).toRealPath();
        Path log = dir.resolve("connector.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", WfmAgentSync.class.getName())
                .directory(elsewhere.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().remove("WFM_CONFIG_FILE");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the connector did not exit within 60 s");

        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), text);
        assertTrue(text.contains("ERROR [main] WfmAgentSync - wfm-agent-sync could not start: no configuration file: "
                + elsewhere.resolve("config/application.properties") + " does not exist. The connector runs from its"
                + " install folder, the one that holds config/ and routes/ (the working directory is " + elsewhere
                + "): start it there, or set WFM_CONFIG_FILE to the properties file"), text);
        assertFalse(text.contains("FileNotFoundException"), text);
    }

    @Test
    void a_WFM_CONFIG_FILE_that_names_no_file_fails_the_start_saying_so() {
        Path missing = dir.resolve("wfm.properties");

        Exception failure = assertThrows(Exception.class,
                WfmAgentSync.connector(Map.of("WFM_CONFIG_FILE", missing.toString()), new Properties())::start);

        assertEquals("WFM_CONFIG_FILE names " + missing + ", and " + missing + " does not exist (working directory "
                + Path.of("").toAbsolutePath() + "): point it at the properties file", failure.getMessage());
    }

    @Test
    void a_WFM_CONFIG_FILE_that_names_a_folder_says_it_is_one() throws Exception {
        Exception failure = assertThrows(Exception.class,
                WfmAgentSync.connector(Map.of("WFM_CONFIG_FILE", dir.toString()), new Properties())::start);

        assertTrue(failure.getMessage().contains(dir + " is a folder, not a properties file"), failure.getMessage());
        try (var created = Files.list(dir)) {
            assertEquals(List.of(), created.toList(), "nothing was created");
        }
    }
}

package org.wfmagentsync.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a user types it: {@code java -jar quickstart/target/wfm-agent-sync-quickstart.jar}
 * from the project root, in a JVM of its own, so that the jar's manifest (main class, {@code lib/}
 * class path) and the service registration of the sandbox are what is tested. A few system
 * properties keep it off port 9876 and out of data/.
 */
class QuickstartJarIT {

    private static final Path JAR = Path.of(System.getProperty("quickstart.jar",
            "quickstart/target/wfm-agent-sync-quickstart.jar")).toAbsolutePath();

    private Process process;
    private Path log;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_quick_start_jar_with_nothing_configured_syncs_against_the_sandbox_and_stops_gracefully() throws Exception {
        int port = ManagementApi.freePort();
        start(port, Map.of());

        JsonNode run = new ManagementApi(port).awaitFinishedRun(Duration.ofSeconds(90));

        assertEquals("SUCCEEDED", run.path("outcome").asText(), run + "\n" + logText());
        // the shipped states.csv gives every state a presence and a routing status: 300 agents, 600 events
        assertEquals(300, run.path("byKind").path("PRESENCE").path("delivered").asInt(), run.toString());
        assertEquals(300, run.path("byKind").path("ROUTING_STATUS").path("delivered").asInt(), run.toString());
        assertEquals(600, run.path("delivered").asInt(), run.toString());
        String text = logText();
        assertTrue(text.contains("SANDBOX MODE: no real Genesys Cloud is contacted."), text);
        assertTrue(Pattern.compile("run [0-9a-f-]+ SUCCEEDED in").matcher(text).find(), text);
        assertStartupSaysWhereThingsAre(text, port);

        process.destroy(); // SIGTERM, as Ctrl-C or a container stop
        assertTrue(process.waitFor(45, TimeUnit.SECONDS), "stopped within camel.main.shutdown-timeout\n" + logText());
        assertTrue(Pattern.compile("Apache Camel \\(Main\\) .* is shutdown").matcher(logText()).find(), logText());
    }

    @Test
    void a_GENESYS_variable_keeps_the_quick_start_jar_off_the_sandbox_and_the_start_fails_naming_what_is_missing()
            throws Exception {
        start(ManagementApi.freePort(), Map.of("GENESYS_CLIENT_ID", "quickstart-it"));

        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the start fails and the JVM exits\n" + logText());

        String text = logText();
        assertEquals(1, process.exitValue(), text);
        assertFalse(text.contains("SANDBOX MODE"), text);
        for (String missing : new String[] {"GENESYS_REGION (or both GENESYS_API_URL and GENESYS_LOGIN_URL)",
                "GENESYS_CLIENT_SECRET", "GENESYS_PRESENCE_SOURCE_ID", "LEGACY_AGENTS_URL"}) {
            assertTrue(text.contains(missing), "names " + missing + ": " + text);
        }
        assertTrue(text.contains("the sandbox is not started because GENESYS_CLIENT_ID is set"), text);
    }

    /**
     * The start-up as the jar's own logback.xml prints it: the connector's summary with the host and
     * port the management server listens on, Camel's one "started" line, no property listing and no
     * 0.0.0.0, and few lines before the first run's summary (there were some 130, 68 of them property lines).
     */
    private static void assertStartupSaysWhereThingsAre(String text, int port) {
        String base = "http://127.0.0.1:" + port;
        assertTrue(text.contains("StartupSummary -   target:   the sandbox's simulated Genesys Cloud http://127.0.0.1:"), text);
        assertTrue(text.contains("StartupSummary -   health:   " + base + "/observe/health\n"), text);
        assertTrue(text.contains("StartupSummary -   metrics:  " + base + "/observe/metrics\n"), text);
        assertTrue(text.contains("StartupSummary -   API:      " + base + "/api/"), text);
        assertTrue(Pattern.compile("Apache Camel \\S+ \\(wfm-agent-sync\\) started in").matcher(text).find(), text);
        for (String misleading : new String[] {"0.0.0.0", "Property-placeholders summary", "Auto-configuration summary",
                "[InitialProperties]", "Routes startup"}) {
            assertFalse(text.contains(misleading), "nothing says " + misleading + "\n" + text);
        }
        List<String> lines = text.lines().toList();
        int firstRun = lines.indexOf(lines.stream().filter(line -> line.contains(" SUCCEEDED in ")).findFirst().orElseThrow());
        assertTrue(firstRun < 40, firstRun + " lines before the first run summary\n" + text);
    }

    private void start(int managementPort, Map<String, String> environment) throws IOException {
        assertTrue(Files.isRegularFile(JAR), "packaged first: " + JAR);
        Path dir = Files.createTempDirectory("wfm-quickstart-it-");
        log = dir.resolve("connector.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dcamel.management.port=" + managementPort,
                "-Dsandbox.mapping-file=" + dir.resolve("sandbox-agents.csv"),
                "-Dsandbox.legacy.agents=300",
                "-Dsandbox.genesys.latency.medianMs=0",
                "-jar", JAR.toString()));
        // the working directory is the project root (failsafe's workingDirectory), as in the README
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("GENESYS_") || name.startsWith("LEGACY_"));
        builder.environment().remove("CLASSPATH");
        builder.environment().putAll(environment);
        process = builder.start();
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

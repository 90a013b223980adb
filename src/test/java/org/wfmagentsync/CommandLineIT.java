package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * The command line as a user types it, {@code java -jar target/wfm-agent-sync.jar ...} from the
 * project root: the packaged jar knows its version, a word it does not know never starts Camel, and
 * {@code check} prints its report alone on stdout, with or without a connector running.
 */
class CommandLineIT {

    private static final Path JAR = Path.of("target", "wfm-agent-sync.jar");

    @TempDir
    Path dir;

    @Test
    void the_jar_prints_the_version_the_build_set() throws Exception {
        Run run = java("--version");

        assertEquals(0, run.exit, run.output);
        assertEquals("wfm-agent-sync " + pomVersion(), run.output.lines().findFirst().orElse(""), run.output);
    }

    @Test
    void an_unknown_command_exits_2_naming_it_and_camel_never_starts() throws Exception {
        Run run = java("statuss");

        assertEquals(2, run.exit, run.output);
        assertTrue(run.output.startsWith("error: unknown command 'statuss'\ncommands:\n"), run.output);
        assertTrue(run.output.contains("try: java -jar " + JAR + " --help"), run.output);
        assertFalse(run.output.contains("Apache Camel"), "Camel started:\n" + run.output);
    }

    @Test
    void check_through_the_jar_prints_the_report_alone_on_stdout_and_exits_0() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(10).noLatency().build())) {
            Separate run = java(connectorEnvironment(sandbox), "check", "--events", "1");

            assertEquals(0, run.exit, run.stdout + run.stderr);
            List<String> lines = run.stdout.lines().toList();
            assertEquals("wfm-agent-sync check: what the next sync run would do; nothing is sent", lines.get(0), run.stdout);
            assertTrue(lines.contains("PRESENCE  10          0          0"), run.stdout);
            assertEquals("PASS: a run would deliver everything that maps: 10 events", lines.get(lines.size() - 1), run.stdout);
            assertFalse(run.stdout.contains("Apache Camel") || run.stdout.contains(" INFO "), "no log line on stdout:\n"
                    + run.stdout);
            assertTrue(sandbox.genesys().state().isEmpty(), "nothing sent");
        }
    }

    @Test
    void check_beside_a_running_connector_says_it_cannot_read_the_state_database_and_leaves_the_connector_running()
            throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(10).noLatency().build())) {
            Map<String, String> environment = connectorEnvironment(sandbox);
            Map<String, String> properties = new HashMap<>();
            int port = ConnectorHarness.freePort();
            properties.put("camel.management.port", Integer.toString(port));
            properties.put("wfm.schedule.startup-delay-ms", "0");
            ConnectorProcess connector = ConnectorProcess.start(properties, environment, dir.resolve("connector.log"));
            try {
                Bounded.await(() -> sandbox.genesys().state().size() == 10, Duration.ofSeconds(60),
                        "the connector's first run to deliver");

                Separate run = java(environment, "check");

                assertEquals(0, run.exit, run.stdout + run.stderr);
                assertTrue(run.stdout.contains("\n  state:    " + environment.get("WFM_DB_URL") + ": cannot be read ("),
                        run.stdout);
                assertTrue(run.stdout.contains("so the counts below compare with nothing delivered"), run.stdout);
                assertTrue(connector.isAlive(), "the connector runs on");
                assertTrue(connector.get("/observe/health") != null, "and still serves its port " + port);
            } finally {
                connector.terminate(Duration.ofSeconds(30));
                connector.destroyIfAlive();
            }
        }
    }

    /** The environment that points the jar at {@code sandbox}, with its mapping and state database in {@link #dir}. */
    private Map<String, String> connectorEnvironment(Sandbox sandbox) throws IOException {
        sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));
        Map<String, String> environment = new HashMap<>();
        ConnectorHarness.targetSettings(sandbox, dir).forEach((key, value) -> environment.put(
                key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        environment.put("GENESYS_CLIENT_SECRET", sandbox.settings().clientSecret());
        return environment;
    }

    private record Run(int exit, String output) {
    }

    private record Separate(int exit, String stdout, String stderr) {
    }

    /** {@code java -jar target/wfm-agent-sync.jar args} from the project root with {@code environment} added. */
    private Separate java(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 120 s: " + Files.readString(stdout, StandardCharsets.UTF_8));
        }
        return new Separate(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** {@code java -jar target/wfm-agent-sync.jar args} from the project root, stdout and stderr together. */
    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static String pomVersion() throws IOException {
        Matcher parent = Pattern.compile("(?s)<parent>.*?<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("connector.pom.xml")));
        assertTrue(parent.find());
        return parent.group(1);
    }
}

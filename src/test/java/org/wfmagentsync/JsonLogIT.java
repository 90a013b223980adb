package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.sandbox.WindowMode;
import org.wfmagentsync.support.LogFields;

/**
 * {@code WFM_LOG_FORMAT=json} for real: the packaged jar, started as an operator starts it, syncs a
 * sandbox in which Genesys Cloud does not know one agent, and stops on SIGTERM. Every line it writes
 * to stdout is one JSON object; the run's lines carry its run id, the dead-letter lines the agent and
 * the kind of event as fields; and no line holds the client secret, the API token or a bearer token.
 */
class JsonLogIT {

    private static final Path JAR = Path.of("target", "wfm-agent-sync.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUMMARY = Pattern.compile("^sync run (\\S+) (SUCCEEDED|PARTIAL|FAILED) in ");

    @TempDir
    Path dir;

    @Test
    void with_json_logs_every_line_is_an_object_with_the_run_agent_and_kind_as_fields_and_no_secret() throws Exception {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("client secret", "json-client-secret-" + unique);
        secrets.put("API token", "json-api-token-" + unique);
        List<String> stdout;
        String stderr;
        String unknownAgent;
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(20)
                .noLatency().clientSecret(secrets.get("client secret")).build())) {
            secrets.put("basic credentials", Base64.getEncoder().encodeToString((sandbox.settings().clientId() + ":"
                    + secrets.get("client secret")).getBytes(StandardCharsets.UTF_8)));
            Set<String> agents = new TreeSet<>(sandbox.legacy().truth().keySet());
            unknownAgent = agents.iterator().next();
            sandbox.genesys().setKnownUsers(agents.stream().filter(agent -> !agent.equals(unknownAgent))
                    .map(SandboxUsers::userIdOf).collect(Collectors.toSet()));

            Path out = dir.resolve("stdout.jsonl");
            Path err = dir.resolve("stderr.txt");
            Process connector = start(environment(sandbox, secrets), out, err);
            try {
                Bounded.await(() -> !connector.isAlive() || read(out).contains(" PARTIAL in "), Duration.ofSeconds(90),
                        "the first run's summary");
                assertTrue(connector.isAlive(), "the connector exited:\n" + read(out) + read(err));
            } finally {
                connector.destroy(); // SIGTERM: the graceful stop, and its lines
                if (!connector.waitFor(60, TimeUnit.SECONDS)) {
                    connector.destroyForcibly();
                    fail("the connector did not stop within 60 s of SIGTERM:\n" + read(out));
                }
            }
            secrets.put("bearer tokens", String.join("|", sandbox.genesys().issuedTokens()));
            stdout = read(out).lines().toList();
            stderr = read(err);
        }

        List<JsonNode> lines = new ArrayList<>();
        StringBuilder readBack = new StringBuilder();
        for (String line : stdout) {
            JsonNode object = parse(line);
            for (String field : List.of("timestamp", "level", "threadName", "loggerName", "formattedMessage")) {
                assertTrue(object.hasNonNull(field), "no " + field + " in " + line);
            }
            lines.add(object);
            readBack.append(object).append('\n');
        }
        assertTrue(lines.size() > 10, "a start, a run and a stop log more than this:\n" + String.join("\n", stdout));

        JsonNode summary = lines.stream().filter(line -> SUMMARY.matcher(message(line)).find()).findFirst()
                .orElseThrow(() -> new AssertionError("no run summary line:\n" + readBack));
        Matcher run = SUMMARY.matcher(message(summary));
        assertTrue(run.find());
        String runId = run.group(1);
        assertEquals("PARTIAL", run.group(2), message(summary));
        assertEquals(runId, field(summary, LogFields.RUN_ID), summary.toString());
        assertTrue(lines.stream().filter(line -> runId.equals(field(line, LogFields.RUN_ID))).count() >= 3,
                "the run's start, dead letters and summary carry its id:\n" + readBack);
        for (String kind : List.of("PRESENCE", "ROUTING_STATUS")) {
            assertTrue(lines.stream().anyMatch(line -> runId.equals(field(line, LogFields.RUN_ID))
                    && unknownAgent.equals(field(line, LogFields.AGENT_ID)) && kind.equals(field(line, LogFields.EVENT_KIND))
                    && message(line).startsWith("dead-lettered agent " + unknownAgent + " (EVENT_REJECTED)")),
                    "no dead-letter line for " + unknownAgent + " and " + kind + " with its fields:\n" + readBack);
        }
        assertTrue(lines.stream().anyMatch(line -> message(line).startsWith("Apache Camel ")
                && message(line).contains(" shutdown in ")),
                "the graceful stop is logged:\n" + readBack);
        assertTrue(lines.stream().noneMatch(line -> message(line).contains("WFM_LOG_FORMAT")),
                "WFM_LOG_FORMAT is known to the connector:\n" + readBack);

        List<String> tokens = List.of(secrets.remove("bearer tokens").split("\\|"));
        assertTrue(!tokens.isEmpty() && !tokens.get(0).isEmpty(), "the run got a bearer token");
        for (int i = 0; i < tokens.size(); i++) {
            secrets.put("bearer token " + (i + 1), tokens.get(i));
        }
        Map<String, String> seen = Map.of("stdout as written", String.join("\n", stdout), "stdout read back",
                readBack.toString(), "stderr", stderr);
        List<String> leaks = new ArrayList<>();
        seen.forEach((where, text) -> secrets.forEach((what, secret) -> {
            if (text.contains(secret)) {
                leaks.add(what + " in " + where);
            }
        }));
        assertEquals(List.of(), leaks);
    }

    /** What points the jar at {@code sandbox} (its state and agent mapping in {@link #dir}), with JSON logs and the secrets. */
    private Map<String, String> environment(Sandbox sandbox, Map<String, String> secrets) throws IOException {
        sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));
        Map<String, String> environment = new HashMap<>();
        ConnectorHarness.targetSettings(sandbox, dir).forEach((key, value) -> environment.put(
                key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        environment.remove("WFM_MAPPING_STATES_FILE"); // the shipped config/states.csv: presence and routing status
        environment.put("GENESYS_CLIENT_SECRET", secrets.get("client secret"));
        environment.put("WFM_API_TOKEN", secrets.get("API token"));
        environment.put("WFM_SCHEDULE_STARTUP_DELAY_MS", "0");
        environment.put("WFM_LOG_FORMAT", "json");
        return environment;
    }

    /** {@code java -jar target/wfm-agent-sync.jar} from the project root, stdout and stderr apart. */
    private static Process start(Map<String, String> environment, Path out, Path err) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // Camel Main ignores environment variables that end in _PORT
                "-Dcamel.management.port=" + ConnectorHarness.freePort(), "-jar", JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode object = JSON.readTree(line);
            assertTrue(object != null && object.isObject(), "not a JSON object: " + line);
            return object;
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static String message(JsonNode line) {
        return line.path("formattedMessage").asText();
    }

    /** One of the line's log fields, or null. */
    private static String field(JsonNode line, String name) {
        JsonNode value = line.path("mdc").get(name);
        return value == null ? null : value.asText();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

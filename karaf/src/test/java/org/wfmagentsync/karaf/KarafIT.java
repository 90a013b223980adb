package org.wfmagentsync.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.Bounded;
import org.wfmagentsync.ConnectorHarness;
import org.wfmagentsync.ConnectorProcess;
import org.wfmagentsync.StateTable;
import org.wfmagentsync.TempFolders;

/**
 * The connector in a real Apache Karaf 4.4.10, the way an operator installs it: the feature
 * repository added and the feature installed through Karaf's shell client, the shipped
 * {@code etc/org.wfmagentsync.cfg} edited to point at a sandbox that runs as a process of its own,
 * the client secret in Karaf's environment. Checked through the connector's management API and the
 * sandbox's inspection endpoint: a change of port and node name while the first run sends ends
 * that run as a graceful stop does (INTERRUPTED) and the new start sends the rest on the new port,
 * after which Genesys state equals the legacy truth, every event applied once; a misspelt key stops
 * the connector with a line in karaf.log that names it and the closest key, and the corrected file
 * runs again; {@code feature:uninstall} frees the port
 * and leaves no thread of the connector's; installing again syncs again with the edited settings; a
 * setting changed through {@code config:property-set} restarts it too; Karaf stops.
 */
class KarafIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final String FEATURES = "mvn:org.wfmagentsync/wfm-agent-sync-karaf/%s/xml/features";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int AGENTS = 300;
    /** A presence and a routing status per agent: the shipped states.csv gives both for every state. */
    private static final int EVENTS = 2 * AGENTS;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private Process sandbox;

    /** Kept after the test (target/karaf-it: karaf/data/log/karaf.log, the sandbox's output), emptied before it. */
    private final Path work = Path.of("target/karaf-it").toAbsolutePath();

    @AfterEach
    void stopSandbox() throws InterruptedException {
        if (sandbox != null) {
            sandbox.destroy();
            if (!sandbox.waitFor(30, TimeUnit.SECONDS)) {
                sandbox.destroyForcibly();
            }
        }
    }

    @Test
    void installsConfiguresRestartsUninstallsAndInstallsAgain() throws Exception {
        TempFolders.delete(work);
        Files.createDirectories(work);
        String secret = "karaf-it-" + UUID.randomUUID();
        Map<String, String> target = startSandbox(secret);
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");

        try (KarafInstance karaf = KarafInstance.prepare(Path.of(System.getProperty("karaf.dist")), work)) {
            publishFeature(karaf.repository(), version);
            karaf.start(Map.of("GENESYS_CLIENT_SECRET", secret), START);
            List<KarafInstance.JvmThread> before = karaf.threads();

            // one repo-add, one install; the shipped settings name no org, so the connector says what is missing
            KarafInstance.Shell installed = karaf.shell(STEP, "feature:repo-add " + FEATURES.formatted(version),
                    "feature:install wfm-agent-sync");
            assertFalse(installed.output().contains("Error"), installed.output());
            Path cfg = karaf.etc().resolve("org.wfmagentsync.cfg");
            assertTrue(Files.isRegularFile(cfg), "the feature put no " + cfg + " in place: " + installed.output());
            assertTrue(Files.isRegularFile(karaf.etc().resolve("wfm-agent-sync/routes/sync.camel.yaml")));
            awaitLog(karaf, "wfm-agent-sync could not start", "the shipped settings' refusal");
            String refusal = lineWith(karaf.logText(), "wfm-agent-sync could not start");
            assertTrue(refusal.contains("genesys.client-id") && refusal.contains("legacy.agents-url"),
                    "names the keys to set: " + refusal);

            // the operator fills in the org (here the sandbox) and a port; saving the file starts the connector.
            // Five events a request at 300 ms each (120 requests, about 4 s): the first run is still sending
            // when the next change comes
            int port = ConnectorHarness.freePort();
            Map<String, String> settings = new LinkedHashMap<>(target);
            settings.put("camel.management.port", Integer.toString(port));
            settings.put("wfm.node-name", "karaf-a");
            settings.put("wfm.push.batch-size", "5");
            settings.put("wfm.push.rate-per-minute", "100000");
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                KarafInstance.setKey(cfg, setting.getKey(), setting.getValue());
            }
            Bounded.await(() -> acceptedEvents(target) > 0, START, "the first run to be sending");
            assertTrue(get(port, "/observe/health").contains("\"status\":\"UP\""));
            assertTrue(get(port, "/observe/metrics").contains("wfm_run_last_outcome"));
            assertTrue(karaf.logText().contains("settings from etc/org.wfmagentsync.cfg"),
                    "the connector logs through Karaf's logging, with its start-up summary");

            // a change while it sends: the run ends as on a graceful stop, and the new start sends the rest
            int moved = ConnectorHarness.freePort();
            KarafInstance.setKey(cfg, "camel.management.port", Integer.toString(moved));
            KarafInstance.setKey(cfg, "wfm.node-name", "karaf-b");
            JsonNode second = awaitRun(moved, "karaf-b", 1);
            assertEquals("SUCCEEDED", second.get("outcome").asText(), second.toString());
            JsonNode first = awaitRun(moved, "karaf-a", 1);
            assertEquals("INTERRUPTED", first.get("outcome").asText(), "the run the change stopped: " + first);
            assertTrue(second.get("sent").asInt() > 0 && second.get("sent").asInt() < EVENTS,
                    "the next run sends what the stopped one left: " + second);
            assertFalse(KarafInstance.listening(port), "the old port " + port + " is still served");
            assertEquals(expectedGenesysState(target), actualGenesysState(target));
            assertEquals(EVENTS, counter(target, "acceptedEvents") + counter(target, "routingStatus.acceptedEvents"),
                    "every event applied once");
            assertEquals(0, counter(target, "duplicateEvents") + counter(target, "routingStatus.duplicateEvents"),
                    "no event applied twice");

            // a misspelt key is refused as standalone refuses it: the connector stops and says which key
            KarafInstance.setKey(cfg, "wfm.push.max-concurent", "5");
            awaitLog(karaf, "wfm.push.max-concurent", "the misspelt key's refusal");
            String misspelt = lineWith(karaf.logText(), "wfm.push.max-concurent");
            assertTrue(misspelt.contains("wfm.push.max-concurrent"), "names the closest key: " + misspelt);
            Bounded.await(() -> !KarafInstance.listening(moved), STEP, "port " + moved + " to be free after the refusal");

            // corrected: it runs again
            Files.writeString(cfg, Files.readString(cfg).replaceAll("(?m)^wfm\\.push\\.max-concurent = 5$", ""));
            JsonNode third = awaitRun(moved, "karaf-b", 2);
            assertEquals("SUCCEEDED", third.get("outcome").asText(), third.toString());

            // uninstall: the port is free and no thread of the connector's is left
            KarafInstance.Shell uninstalled = karaf.shell(STEP, "feature:uninstall wfm-agent-sync");
            assertFalse(uninstalled.output().contains("Error"), uninstalled.output());
            Bounded.await(() -> !KarafInstance.listening(moved), STEP, "port " + moved + " to be free after uninstall");
            awaitNoNewThreads(karaf, before);
            assertFalse(karaf.shell(STEP, "bundle:list -s -t 0").output().contains("org.wfmagentsync"),
                    "the bundle is still installed");

            // installing again picks up the edited settings (the feature keeps them) and syncs again
            KarafInstance.Shell again = karaf.shell(STEP, "feature:install wfm-agent-sync");
            assertFalse(again.output().contains("Error"), again.output());
            JsonNode fourth = awaitRun(moved, "karaf-b", 3);
            assertEquals("SUCCEEDED", fourth.get("outcome").asText(), fourth.toString());
            assertTrue(Files.readString(cfg).contains("wfm.node-name = karaf-b"), "the reinstall replaced the edited settings");

            // a setting changed through Karaf's shell instead of the file restarts the connector too
            KarafInstance.Shell set = karaf.shell(STEP, "config:property-set -p " + ConnectorActivator.PID + " wfm.node-name karaf-c");
            assertFalse(set.output().contains("Error"), set.output());
            JsonNode fifth = awaitRun(moved, "karaf-c", 1);
            assertEquals("SUCCEEDED", fifth.get("outcome").asText(), fifth.toString());
        }
    }

    /** The sandbox in its own JVM; what points the connector at it, as connector keys. */
    private Map<String, String> startSandbox(String secret) throws IOException {
        Path mapping = work.resolve("sandbox-agents.csv");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", ConnectorProcess.classPath(),
                "-Dsandbox.mapping-file=" + mapping, "-Dsandbox.genesys.clientSecret=" + secret,
                "-Dsandbox.legacy.agents=" + AGENTS, "-Dsandbox.legacy.changeShare=0", "-Dsandbox.genesys.window.mode=OFF",
                "-Dsandbox.genesys.latency.medianMs=300", "-Dsandbox.genesys.rateLimitPerMinute=1000000",
                "org.wfmagentsync.sandbox.Sandbox"));
        sandbox = new ProcessBuilder(command).redirectError(work.resolve("sandbox.err").toFile()).start();
        Map<String, String> printed = new HashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    int equals = line.indexOf('=');
                    if (equals > 0 && line.matches("[A-Z_]+=.*")) {
                        synchronized (printed) {
                            printed.put(line.substring(0, equals), line.substring(equals + 1));
                        }
                    }
                }
            } catch (IOException ignored) {
                // the sandbox ended
            }
        }, "sandbox-output");
        reader.setDaemon(true);
        reader.start();
        Bounded.await(() -> {
            synchronized (printed) {
                return printed.containsKey("WFM_MAPPING_AGENTS_FILE");
            }
        }, START, "the sandbox to print its settings (" + work.resolve("sandbox.err") + ")");
        Map<String, String> keys = new LinkedHashMap<>();
        synchronized (printed) {
            keys.put("genesys.api-url", printed.get("GENESYS_API_URL"));
            keys.put("genesys.login-url", printed.get("GENESYS_LOGIN_URL"));
            keys.put("genesys.client-id", printed.get("GENESYS_CLIENT_ID"));
            keys.put("genesys.presence-source-id", printed.get("GENESYS_PRESENCE_SOURCE_ID"));
            keys.put("legacy.agents-url", printed.get("LEGACY_AGENTS_URL"));
            keys.put("wfm.mapping.agents-file", printed.get("WFM_MAPPING_AGENTS_FILE"));
        }
        return keys;
    }

    /**
     * The feature's artifacts in Maven's layout, as {@code mvn install} would put them: every
     * {@code mvn:} URL of the built features.xml, from the file the build made or attaches.
     */
    private void publishFeature(Path repository, String version) throws IOException {
        Path built = Path.of(System.getProperty("karaf.bundle"));
        Path features = built.getParent().resolve("feature/features.xml");
        String xml = Files.readString(features);
        Matcher url = Pattern.compile("mvn:org\\.wfmagentsync/wfm-agent-sync-karaf/" + Pattern.quote(version)
                + "(?:/([a-z]+)(?:/([a-z-]+))?)?<").matcher(xml);
        Path folder = Files.createDirectories(repository.resolve("org/wfmagentsync/wfm-agent-sync-karaf/" + version));
        String base = "wfm-agent-sync-karaf-" + version;
        Files.copy(features, folder.resolve(base + "-features.xml"));
        int found = 0;
        while (url.find()) {
            String type = url.group(1);
            String classifier = url.group(2);
            Path source = type == null ? built
                    : switch (type) {
                        case "cfg" -> root.resolve("karaf/src/main/cfg/org.wfmagentsync.cfg");
                        case "yaml" -> root.resolve("routes/" + classifier + ".camel.yaml");
                        case "csv" -> root.resolve("config/" + classifier + ".csv");
                        default -> throw new AssertionError("features.xml names an artifact of type " + type);
                    };
            String name = base + (classifier == null ? "" : "-" + classifier) + "." + (type == null ? "jar" : type);
            Files.copy(source, folder.resolve(name));
            found++;
        }
        assertTrue(found >= 12, "features.xml names " + found + " artifacts");
    }

    /** What the legacy system says now, through the shipped mapping: user id to presence and routing status. */
    private Map<String, String> expectedGenesysState(Map<String, String> target) throws Exception {
        Map<String, String> userOf = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(target.get("wfm.mapping.agents-file")))) {
            String[] columns = line.split(",");
            if (columns.length == 2 && !line.startsWith("legacyAgentId")) {
                userOf.put(columns[0].trim(), columns[1].trim());
            }
        }
        Map<String, String> presence = StateTable.load(root.resolve("config/states.csv"));
        Map<String, String> routing = StateTable.loadRouting(root.resolve("config/states.csv"));
        Map<String, String> expected = new HashMap<>();
        JsonNode feed = JSON.readTree(get(URI.create(target.get("legacy.agents-url"))));
        for (JsonNode agent : feed.get("agents")) {
            String state = agent.get("state").asText();
            String reason = agent.get("reason").isNull() ? null : agent.get("reason").asText();
            expected.put(userOf.get(agent.get("agentId").asText()), StateTable.presenceOf(presence, state, reason)
                    + " / " + StateTable.presenceOf(routing, state, reason));
        }
        return expected;
    }

    /** What the sandbox's Genesys Cloud holds, through its inspection endpoint. */
    private Map<String, String> actualGenesysState(Map<String, String> target) throws Exception {
        JsonNode users = JSON.readTree(get(URI.create(target.get("genesys.api-url") + "/sandbox/state"))).get("users");
        Map<String, String> actual = new HashMap<>();
        users.fields().forEachRemaining(user -> actual.put(user.getKey(),
                user.getValue().path("presenceDefinitionId").asText("") + " / "
                        + user.getValue().path("routingStatus").path("status").asText("")));
        return actual;
    }

    /** Waits until the connector on {@code port} lists at least {@code count} finished sync runs of {@code node}; the newest. */
    private JsonNode awaitRun(int port, String node, int count) {
        JsonNode[] newest = new JsonNode[1];
        Bounded.await(() -> {
            try {
                List<JsonNode> runs = new ArrayList<>();
                for (JsonNode run : JSON.readTree(get(port, "/api/runs")).get("items")) {
                    if ("sync".equals(run.path("kind").asText()) && node.equals(run.path("node").asText())
                            && !"RUNNING".equals(run.path("outcome").asText())) {
                        runs.add(run);
                    }
                }
                newest[0] = runs.isEmpty() ? null : runs.get(0);
                return runs.size() >= count;
            } catch (IOException | RuntimeException notYet) {
                return false;
            }
        }, START, count + " finished sync run(s) of node " + node + " on port " + port);
        return newest[0];
    }

    /** Waits until no thread of the connector's is left in Karaf ({@link KarafInstance#leftOver}); names those left when it times out. */
    private static void awaitNoNewThreads(KarafInstance karaf, List<KarafInstance.JvmThread> before) {
        List<String> left = new ArrayList<>();
        try {
            Bounded.await(() -> {
                left.clear();
                left.addAll(KarafInstance.leftOver(before, karaf.threads()));
                return left.isEmpty();
            }, STEP, "the connector's threads to end after uninstall");
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; left: " + left, timedOut);
        }
    }

    private long acceptedEvents(Map<String, String> target) {
        try {
            return counter(target, "acceptedEvents");
        } catch (IOException notYet) {
            return -1;
        }
    }

    /** One of the sandbox's Genesys counters ({@code /sandbox/counters}; the presence endpoint's, or {@code routingStatus.*}). */
    private long counter(Map<String, String> target, String name) throws IOException {
        return JSON.readTree(get(URI.create(target.get("genesys.api-url") + "/sandbox/counters"))).get(name).asLong();
    }

    private static void awaitLog(KarafInstance karaf, String text, String what) {
        Bounded.await(() -> karaf.logText().contains(text), START, what + " in " + karaf.log());
    }

    private static String lineWith(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).reduce((first, second) -> second).orElse("");
    }

    private String get(int port, String path) throws IOException {
        return get(URI.create("http://127.0.0.1:" + port + path));
    }

    private String get(URI uri) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}

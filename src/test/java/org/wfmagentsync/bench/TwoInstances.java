package org.wfmagentsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.ConnectorProcess;
import org.wfmagentsync.StateTable;
import org.wfmagentsync.TempFolders;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.UserPresence;
import org.wfmagentsync.store.EmbeddedPostgresServer;

/**
 * Scenario of issue 14: two connector instances, each in a JVM of its own, on one PostgreSQL state
 * database and one client token, the sync on a Quartz cron; whichever takes the fire runs it, the
 * other stands by. One instance is forked and timed the same way beside it; T* is the oracle's.
 */
final class TwoInstances {

    private static final Logger LOG = LoggerFactory.getLogger(TwoInstances.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One measured run: who ran it, its times, and what the simulated Genesys Cloud and the standby saw. */
    record Row(int round, int instances, String ranOn, Duration fireToStart, Duration elapsed, Duration run, long requests,
            long runnerResponses, long conflicts409, long rateLimited429, long unavailable503, long lost,
            long duplicates, long peakInFlight, long firesDuringRun, long otherRunsDuringRun, Long standbyResponses,
            Long standbyRuns) {
    }

    record Result(Scenario scenario, Figures oracle, List<Row> rows) {
    }

    /** A run as the shared database keeps it. */
    private record Run(String runId, String kind, String node, String outcome, Instant startedAt, Instant finishedAt) {
    }

    /** Scenario 2's sandbox: the same agents, limits and seed. */
    static Scenario scenario() {
        return new Scenario("two instances on one token", 50_000, true, 10, 3, 300, 0.15, 80, 0.8, 0.01, null,
                Duration.ofSeconds(45), 20261125);
    }

    static Result run() throws Exception {
        Scenario scenario = scenario();
        Figures oracle = BenchRun.run(scenario, OracleStrategy::knowing);
        List<Row> rows = new ArrayList<>();
        // one and two instances in turn, so that a slow spell of the machine does not fall on one of them alone
        for (int round = 1; round <= rounds(); round++) {
            rows.add(measure(scenario, round, 1));
            rows.add(measure(scenario, round, 2));
        }
        return new Result(scenario, oracle, rows);
    }

    /** How many times each is measured: a difference between them means something only beside their spread. */
    static int rounds() {
        return Integer.getInteger("bench.instance-rounds", 2);
    }

    /**
     * How long the forked connectors get to start before the first fire (two JVMs and Flyway on two
     * shared cores); {@code -Dbench.fork-start-seconds=N} changes it.
     */
    private static Duration startAllowance() {
        return Duration.ofSeconds(Integer.getInteger("bench.fork-start-seconds", 40));
    }

    static Row measure(Scenario scenario, int round, int instances) throws Exception {
        try (Sandbox sandbox = Sandbox.start(BenchRun.settings(scenario))) {
            Path dir = Files.createTempDirectory("bench-instances-");
            Path mapping = dir.resolve("agents.csv");
            sandbox.writeAgentMappingCsv(mapping);
            Map<String, String> expected = new HashMap<>();
            Target target = BenchRun.target(sandbox, mapping, expected, null);
            EmbeddedPostgresServer.Account database = EmbeddedPostgresServer.newDatabase();
            // the first fire at a known second (then every 2 s to the end of that minute): the nodes are up by then,
            // and the tenant's rate window can be set to it, as it is for every other strategy's start
            Instant fire = Instant.now().plus(startAllowance()).truncatedTo(ChronoUnit.SECONDS);
            ZonedDateTime at = fire.atZone(ZoneOffset.UTC);
            String cron = at.getSecond() + "/2 " + at.getMinute() + " " + at.getHour() + " * * ?";
            Map<String, ConnectorProcess> nodes = new TreeMap<>();
            boolean measured = false;
            try {
                for (int i = 0; i < instances; i++) {
                    String name = "node-" + (char) ('a' + i);
                    nodes.put(name, start(name, target, database, cron, dir));
                }
                await(() -> nodes.values().stream().allMatch(node -> !node.isAlive()
                        || node.get("/observe/health") != null), Duration.between(Instant.now(), fire.minusMillis(500)),
                        "every node to start before the first fire at " + fire + " (raise -Dbench.fork-start-seconds)");
                nodes.forEach((name, node) -> {
                    if (!node.isAlive()) {
                        throw new IllegalStateException(name + " exited:\n" + node.logText());
                    }
                });
                sandbox.genesys().restartRateWindows(fire.minus(BenchRun.RATE_WINDOW_PHASE));
                int sentBefore = sandbox.genesys().requestLog().size();
                await(() -> finishedSync(database).isPresent() || nodes.values().stream().anyMatch(n -> !n.isAlive()),
                        Duration.between(Instant.now(), fire.plus(Duration.ofMinutes(5))), "the sync run to end");
                Run run = finishedSync(database).orElseThrow(() -> new IllegalStateException("a node exited mid-run"));
                Map<String, Map<String, Double>> metrics = new TreeMap<>();
                nodes.forEach((name, node) -> metrics.put(name, metrics(node.get("/observe/metrics"))));
                Row row = row(round, instances, sandbox, expected, fire, cron, run, runs(database), metrics, sentBefore);
                LOG.info("{} | {} instance(s): {}", scenario.name(), instances, row);
                measured = true;
                return row;
            } finally {
                nodes.values().forEach(node -> {
                    if (node.isAlive()) {
                        node.terminate(Duration.ofSeconds(30));
                    }
                });
                if (measured) {
                    TempFolders.delete(dir); // kept otherwise: the nodes' logs are in it
                } else {
                    LOG.warn("{} | the nodes' logs are in {}", scenario.name(), dir);
                }
            }
        }
    }

    private static ConnectorProcess start(String name, Target target, EmbeddedPostgresServer.Account database,
            String cron, Path dir) throws IOException {
        Map<String, String> p = new TreeMap<>();
        p.put("wfm.mode", "genesys");
        p.put("genesys.api-url", target.apiUrl());
        p.put("genesys.login-url", target.loginUrl());
        p.put("genesys.client-id", target.clientId());
        p.put("genesys.presence-source-id", target.presenceSourceId());
        p.put("legacy.agents-url", target.legacyAgentsUrl());
        p.put("wfm.mapping.agents-file", target.agentMappingCsv().toString());
        // presences only, as in scenario 2
        p.put("wfm.mapping.states-file", StateTable.writePresenceOnly(dir.resolve(name + "-states.csv")).toString());
        p.put("wfm.window.mode", "on");
        p.put("wfm.db.url", database.url());
        p.put("wfm.db.user", database.user());
        p.put("wfm.node-name", name);
        p.put("wfm.schedule.enabled", "true");
        p.put("wfm.schedule.cron", cron);
        p.put("wfm.schedule.run-at-startup", "false");
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            p.put("camel.management.port", Integer.toString(socket.getLocalPort()));
        }
        // the cron is in UTC, as the first fire was worked out
        return ConnectorProcess.startMeasured(jvmOptions(), p,
                Map.of("GENESYS_CLIENT_SECRET", target.clientSecret(), "WFM_DB_PASSWORD", database.password()),
                dir.resolve(name + ".log"));
    }

    private static Row row(int round, int instances, Sandbox sandbox, Map<String, String> expected, Instant fire, String cron,
            Run run, List<Run> all, Map<String, Map<String, Double>> metrics, int sentBefore) {
        if (sentBefore > 0) {
            throw new IllegalStateException(sentBefore + " requests before the first fire: the nodes ran early");
        }
        Map<String, UserPresence> state = sandbox.genesys().state();
        long lost = expected.entrySet().stream().filter(user -> !state.containsKey(user.getKey())
                || !user.getValue().equals(state.get(user.getKey()).presenceDefinitionId())).count();
        Instant lastApplied = expected.keySet().stream().map(state::get).filter(java.util.Objects::nonNull)
                .map(UserPresence::appliedAt).max(Instant::compareTo).orElse(fire);
        GenesysCounters counters = sandbox.genesys().counters();
        String standby = metrics.keySet().stream().filter(name -> !name.equals(run.node())).findFirst().orElse(null);
        long fires = 0;
        for (Instant next = fire.plusSeconds(2); next.isBefore(run.finishedAt())
                && next.atZone(ZoneOffset.UTC).getMinute() == fire.atZone(ZoneOffset.UTC).getMinute();
                next = next.plusSeconds(2)) {
            fires++;
        }
        long others = all.stream().filter(other -> !other.runId().equals(run.runId())
                && other.startedAt().isBefore(run.finishedAt())).count();
        return new Row(round, instances, run.node(), Duration.between(fire, run.startedAt()),
                Duration.between(fire, lastApplied), Duration.between(run.startedAt(), run.finishedAt()),
                counters.requests(), Math.round(sum(metrics.get(run.node()), "wfm_http_responses_total")),
                counters.status(409), counters.status(429), counters.status(503), lost, counters.duplicateEvents(),
                counters.peakInFlight(), fires, others,
                standby == null ? null : Math.round(sum(metrics.get(standby), "wfm_http_responses_total")),
                standby == null ? null : Math.round(sum(metrics.get(standby), "wfm_runs_total")));
    }

    private static Optional<Run> finishedSync(EmbeddedPostgresServer.Account database) {
        return runs(database).stream().filter(run -> run.kind().equals("sync") && !run.outcome().equals("RUNNING"))
                .findFirst();
    }

    private static List<Run> runs(EmbeddedPostgresServer.Account database) {
        List<Run> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT summary_json FROM run_summary ORDER BY started_at")) {
            while (row.next()) {
                JsonNode summary = JSON.readTree(row.getString(1));
                runs.add(new Run(summary.path("runId").asText(), summary.path("kind").asText(),
                        summary.path("node").asText(null), summary.path("outcome").asText(),
                        OffsetDateTime.parse(summary.path("startedAt").asText()).toInstant(),
                        OffsetDateTime.parse(summary.path("finishedAt").asText()).toInstant()));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of(); // the nodes have not migrated the database yet
            }
            throw new IllegalStateException("cannot read the runs: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("a run summary that is not JSON", e);
        }
        return runs;
    }

    /** A Prometheus scrape as series (name with labels) and values. */
    private static Map<String, Double> metrics(String scrape) {
        Map<String, Double> series = new HashMap<>();
        if (scrape == null) {
            throw new IllegalStateException("a node's metrics did not answer");
        }
        for (String line : scrape.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    private static double sum(Map<String, Double> series, String name) {
        return series.entrySet().stream().filter(entry -> entry.getKey().equals(name)
                || entry.getKey().startsWith(name + "{")).mapToDouble(Map.Entry::getValue).sum();
    }

    /** Waits for a condition with a bound, checking every 20 ms. */
    private static void await(BooleanSupplier condition, Duration bound, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, bound.toNanos());
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + bound.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static String markdown(int number, Result result) {
        Scenario scenario = result.scenario();
        Duration best = result.oracle().elapsed();
        StringBuilder md = new StringBuilder();
        md.append("## Scenario ").append(number).append(": ").append(scenario.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Scenario 2's sandbox (%,d agents inside the publishing window, all"
                + " changed; R = %d/min; C = %d; per-event conflicts %.0f%% on first attempt; latency median %d ms;"
                + " %.0f%% random 503; the same seed). Each connector runs in a JVM of its own (`java"
                + " org.wfmagentsync.WfmAgentSync` on the test class path, `-Xmx1g` and `config/jvm.options`, not warmed up), with its own"
                + " `wfm.node-name` and management port, all on one PostgreSQL database (embedded, fsync off) and one"
                + " client token. The sync is on the Quartz cron: a first fire at a set second, once every instance"
                + " is up, then every 2 s to the end of that minute; the simulated tenant's rate window is set 30 s"
                + " before the first fire, as for every strategy's start. One instance is forked and timed the same"
                + " way, so the rows compare like with like, one and two instances in turn, %d round(s); T* is the"
                + " oracle's time in this scenario.%n%n",
                scenario.agents(), scenario.ratePerMinute(), scenario.windowConcurrentLimit(),
                scenario.perEventConflictShare() * 100, scenario.latencyMedianMs(), scenario.random5xxShare() * 100,
                result.rows().size() / 2));
        md.append("*Time* is from the first fire to the moment the simulated Genesys Cloud holds every agent's state;"
                + " *fire to start* and *run* (its `startedAt` to its `finishedAt`) are from the run's summary in the"
                + " shared database's `run_summary` table. Requests, 409, 429 and 503 are the simulated Genesys"
                + " Cloud's counters; *runner's answers* is what the node that ran the sync counted"
                + " (`wfm_http_responses_total`); the standby's requests and runs are from its own metrics"
                + " (`wfm_http_responses_total`, `wfm_runs_total`) as the run ended.\n\n");
        md.append("| round | instances | ran on | fire to start | time | × T* | run | requests | runner's answers | 409 | 429"
                + " | 409+429 share | 503 | lost | duplicates | peak in flight / C | fires during the run | other runs"
                + " started during it | standby requests | standby runs |\n");
        md.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : result.rows()) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %s | %.2f s | %.1f s | %.2f | %.1f s | %,d | %,d | %d | %d"
                    + " | %.1f%% | %d | %,d | %,d | %d / %d | %d | %d | %s | %s |%n", row.round(), row.instances(), row.ranOn(),
                    row.fireToStart().toMillis() / 1000.0, row.elapsed().toMillis() / 1000.0, ratio(row, best),
                    row.run().toMillis() / 1000.0, row.requests(), row.runnerResponses(), row.conflicts409(),
                    row.rateLimited429(), row.requests() == 0 ? 0
                            : 100.0 * (row.conflicts409() + row.rateLimited429()) / row.requests(),
                    row.unavailable503(), row.lost(), row.duplicates(), row.peakInFlight(),
                    scenario.windowConcurrentLimit(), row.firesDuringRun(), row.otherRunsDuringRun(),
                    row.standbyResponses() == null ? "-" : Long.toString(row.standbyResponses()),
                    row.standbyRuns() == null ? "-" : Long.toString(row.standbyRuns())));
        }
        Figures oracle = result.oracle();
        md.append(String.format(Locale.ROOT, "| - | oracle: T* | - | - | %.1f s | 1.00 | - | %,d | - | %d | %d | %.1f%% |"
                + " %d | %,d | %,d | %d / %d | - | - | - | - |%n%n", oracle.elapsed().toMillis() / 1000.0,
                oracle.requests(), oracle.conflicts409(), oracle.rateLimited429(),
                100 * oracle.capacityRejectionShare(), oracle.unavailable503(), oracle.lost(), oracle.duplicates(),
                oracle.peakInFlight(), oracle.limit()));
        md.append(verdict(result, best)).append("\n\n");
        return md.toString();
    }

    private static double ratio(Row row, Duration best) {
        return best.isZero() ? Double.NaN : (double) row.elapsed().toMillis() / best.toMillis();
    }

    /**
     * The target of issue 14, said plainly: two instances within 1.10 × T* and no slower than one, on
     * the mean of each one's rounds, with the spread of those rounds beside it.
     */
    private static String verdict(Result result, Duration best) {
        List<Row> ones = result.rows().stream().filter(row -> row.instances() == 1).toList();
        List<Row> twos = result.rows().stream().filter(row -> row.instances() == 2).toList();
        double one = mean(ones);
        double two = mean(twos);
        double twoRatio = best.isZero() ? Double.NaN : two / best.toMillis();
        double slower = two - one;
        boolean met = twoRatio <= 1.10 && slower <= 0;
        return String.format(Locale.ROOT, "Target (two instances within 1.10 × T\\* and no slower than one): %s."
                + " Over %d round(s) each, two instances took %.1f s on average (%.2f × T\\*, %s), one instance %.1f s"
                + " (%.2f × T\\*, %s): two were %s.", met ? "met" : "**not met**", twos.size(), two / 1000,
                twoRatio, spread(twos), one / 1000, best.isZero() ? Double.NaN : one / best.toMillis(), spread(ones),
                slower <= 0 ? String.format(Locale.ROOT, "no slower (%.1f s faster)", -slower / 1000)
                        : String.format(Locale.ROOT, "%.1f s (%.1f%%) slower", slower / 1000, 100 * slower / one));
    }

    private static double mean(List<Row> rows) {
        return rows.stream().mapToLong(row -> row.elapsed().toMillis()).average().orElse(Double.NaN);
    }

    private static String spread(List<Row> rows) {
        return String.format(Locale.ROOT, "%.1f to %.1f s", rows.stream().mapToLong(row -> row.elapsed().toMillis())
                .min().orElse(0) / 1000.0, rows.stream().mapToLong(row -> row.elapsed().toMillis()).max().orElse(0)
                / 1000.0);
    }

    /** Each instance's JVM: a heap of 1 GiB and the options the connector ships with (config/jvm.options). */
    private static List<String> jvmOptions() {
        List<String> options = new java.util.ArrayList<>(List.of("-Xmx1g", "-Duser.timezone=UTC"));
        options.addAll(ConnectorStrategy.shippedJvmOptions());
        return options;
    }
}

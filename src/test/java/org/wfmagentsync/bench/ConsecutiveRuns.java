package org.wfmagentsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.UserPresence;

/**
 * Scenario of issue 14: one connector, one state database, three sync runs in a row against a tenant
 * whose session limit is 3, every agent changed before each run. The first run starts from the
 * configured 10 and learns 3; the next ones start from what was learned. Each run starts 30 s into a
 * fresh rate-limit window, as runs minutes apart would. T* is the oracle's one run of the same scenario.
 */
final class ConsecutiveRuns {

    static final int RUNS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ConsecutiveRuns.class);

    /** One of the runs, measured from outside (requests and answers from the simulated Genesys Cloud). */
    record Row(int run, Duration elapsed, long requests, long conflicts409, long rateLimited429, long lost,
            int limitStart, String limitFrom) {
    }

    record Result(Scenario scenario, Figures oracle, List<Row> rows) {
    }

    static Scenario scenario() {
        return new Scenario("three consecutive runs against a session limit of 3", 20_000, false, 3, 3, 300, 0, 80, 0.8,
                0.01, null, Duration.ofSeconds(45), 20261201);
    }

    /**
     * The oracle's run, then the connector's warm-ups and three runs, all in one JVM of its own (as every strategy of
     * the benchmark; in this one with {@code -Dbench.fork=false}), so that its JIT and state database carry over.
     */
    static Result run() throws Exception {
        Scenario scenario = scenario();
        Figures oracle = BenchRun.run(scenario, OracleStrategy::knowing);
        return BenchRun.inOwnJvm(tenant -> connector(), connectorFor -> runs(scenario, oracle, connectorFor));
    }

    private static Result runs(Scenario scenario, Figures oracle, Function<Tenant, Strategy> connectorFor)
            throws Exception {
        for (int round = 0; round < BenchRun.warmUpRuns(); round++) {
            BenchRun.measure(BenchRun.warmUp(scenario), connectorFor);
        }
        List<Row> rows = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start(BenchRun.settings(scenario))) {
            Path mapping = Files.createTempFile("bench-agents-", ".csv");
            sandbox.writeAgentMappingCsv(mapping);
            Strategy connector = connectorFor.apply(Tenant.of(sandbox.genesys()));
            try {
                Target target = BenchRun.target(sandbox, mapping, new HashMap<>(), null);
                connector.prepare(scenario, target);
                for (int run = 1; run <= RUNS; run++) {
                    if (run > 1) {
                        sandbox.legacy().changeAgents(scenario.agents());
                    }
                    Map<String, String> expected = new HashMap<>();
                    BenchRun.target(sandbox, mapping, expected, null);
                    int before = sandbox.genesys().requestLog().size();
                    Instant start = Instant.now();
                    sandbox.genesys().restartRateWindows(start.minus(BenchRun.RATE_WINDOW_PHASE));
                    Strategy.Outcome outcome = connector.run(scenario, target);
                    Duration elapsed = Duration.between(start, Instant.now());
                    List<RequestLogEntry> log = sandbox.genesys().requestLog();
                    List<RequestLogEntry> ofRun = log.subList(before, log.size());
                    Map<String, UserPresence> state = sandbox.genesys().state();
                    long lost = expected.entrySet().stream().filter(user -> !state.containsKey(user.getKey())
                            || !user.getValue().equals(state.get(user.getKey()).presenceDefinitionId())).count();
                    Strategy.LimitStart limitStart = outcome.limitStart();
                    Row row = new Row(run, elapsed, ofRun.size(), count(ofRun, 409), count(ofRun, 429), lost,
                            limitStart.level(), limitStart.from());
                    LOG.info("{} | run {}: {} ms, {} requests, limit from {} ({}), {} lost", scenario.name(), run,
                            elapsed.toMillis(), ofRun.size(), limitStart.level(), limitStart.from(), lost);
                    rows.add(row);
                }
            } finally {
                connector.close();
                Files.deleteIfExists(mapping);
            }
        }
        return new Result(scenario, oracle, rows);
    }

    private static ConnectorStrategy connector() {
        return new ConnectorStrategy("wfm-agent-sync (as shipped)", Map.of());
    }

    private static long count(List<RequestLogEntry> log, int status) {
        return log.stream().filter(entry -> entry.status() == status).count();
    }

    static String markdown(int number, Result result) {
        Scenario scenario = result.scenario();
        Duration best = result.oracle().elapsed();
        StringBuilder md = new StringBuilder();
        md.append("## Scenario ").append(number).append(": ").append(scenario.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%,d agents, all changed before each run; R = %d/min; C = %d (window off:"
                + " the connector is configured to start at 10); latency median %d ms (log-normal sigma %.1f); %.0f%%"
                + " random 503. One connector (in a JVM of its own, warmed up) and one state database for the %d runs,"
                + " each 30 s into a fresh rate-limit window. T* is the oracle's time for one run of the same scenario;"
                + " 409 and 429 are per run.%n%n",
                scenario.agents(), scenario.ratePerMinute(), scenario.concurrentLimit(), scenario.latencyMedianMs(),
                scenario.latencySigma(), scenario.random5xxShare() * 100, RUNS));
        md.append("| run | limit starts at | from | time | × T* | requests | 409 | 429 | 409+429 share | lost |\n");
        md.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : result.rows()) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %s | %.1f s | %.2f | %,d | %d | %d | %.1f%% | %,d |%n",
                    row.run(), row.limitStart(), row.limitFrom(), row.elapsed().toMillis() / 1000.0,
                    best.isZero() ? Double.NaN : (double) row.elapsed().toMillis() / best.toMillis(), row.requests(),
                    row.conflicts409(), row.rateLimited429(),
                    row.requests() == 0 ? 0 : 100.0 * (row.conflicts409() + row.rateLimited429()) / row.requests(),
                    row.lost()));
        }
        Figures oracle = result.oracle();
        md.append(String.format(Locale.ROOT, "| oracle: T* | 3 | knows C | %.1f s | 1.00 | %,d | %d | %d | %.1f%% | %,d |%n%n",
                oracle.elapsed().toMillis() / 1000.0, oracle.requests(), oracle.conflicts409(),
                oracle.rateLimited429(), 100 * oracle.capacityRejectionShare(), oracle.lost()));
        return md.toString();
    }
}

package org.wfmagentsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.store.EmbeddedPostgresServer;

/**
 * The benchmark: every scenario, every strategy in turn, the same seed, against the sandbox; writes
 * {@code BENCHMARKS.md} and the charts into the given folder. Run it with {@code mvn -B -Pbenchmark verify}.
 */
public final class BenchmarkMain {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // -Dbench.out=DIR writes the report elsewhere (a run of one scenario, say, that must not replace the file)
        Path docs = Path.of(System.getProperty("bench.out", args.length > 0 ? args[0] : "docs"));
        try {
            run(scenarios(), docs, "mvn -B -Pbenchmark verify", true);
        } finally {
            EmbeddedPostgresServer.stop();
        }
    }

    /**
     * The scenarios of issue 4: 5,000 and 50,000 agents inside the publishing window, and a mid-run limit
     * drop; and of issue 13: the first one again with a presence and a routing status for every agent.
     */
    static List<Scenario> scenarios() {
        Duration cap = Duration.ofSeconds(45);
        return List.of(
                new Scenario("5,000 agents inside the publishing window", 5_000, true, 10, 3, 300, 0.15, 80, 0.8, 0.01,
                        null, cap, 20261125),
                new Scenario("50,000 agents inside the publishing window", 50_000, true, 10, 3, 300, 0.15, 80, 0.8, 0.01,
                        null, cap, 20261125),
                new Scenario("20,000 agents, session limit drops from 10 to 3 mid-run", 20_000, false, 10, 3, 300, 0.15, 80,
                        0.8, 0.01, Duration.ofMillis(1500), cap, 20261125),
                new Scenario("5,000 agents inside the publishing window, presence and routing status", 5_000, true, 10,
                        3, 300, 0.15, 80, 0.8, 0.01, null, cap, 20261125, true));
    }

    /**
     * Scenario 7, of issue 15: a tenant whose rate Genesys raised on request, where the API's rate is not the
     * bottleneck: 50,000 agents, R = 6,000/min, C = 30, outside the publishing window.
     */
    static Scenario raisedTenant() {
        return new Scenario("raised tenant: 50,000 agents, R = 6,000/min, C = 30", 50_000, false, 30, 30, 6_000, 0.15,
                80, 0.8, 0.01, null, Duration.ofSeconds(45), 20261125);
    }

    /** Every strategy selected that runs in the scenario, in turn; writes its charts as scenario {@code number}. */
    private static List<Figures> measureEvery(Scenario scenario, int number, Path docs) throws Exception {
        List<Figures> runs = new ArrayList<>();
        for (Function<Tenant, Strategy> strategy : strategies()) {
            if (!selected(strategy) || !strategy.apply(null).runsIn(scenario)) {
                continue;
            }
            Figures figures = BenchRun.run(scenario, strategy);
            LOG.info("{} | {}: {} ms{}, requests {}, 409 {}, 429 {}, lost {}, peak in flight {}, CPU {} ms",
                    scenario.name(), figures.strategy(), figures.elapsed().toMillis(),
                    figures.capped() ? " (capped)" : "", figures.requests(), figures.conflicts409(),
                    figures.rateLimited429(), figures.lost(), figures.peakInFlight(), figures.cpu().toMillis());
            runs.add(figures);
        }
        String slug = "scenario-" + number;
        Charts.write(scenario.name(), runs, docs.resolve("benchmarks/" + slug + "-in-flight.png"),
                docs.resolve("benchmarks/" + slug + "-rejections.png"));
        return runs;
    }

    /**
     * Every strategy, in the order of the tables, each named uniquely (a strategy's JVM builds it again from here
     * by its name); the oracle reads the simulated tenant's limits, and {@code null} gives a copy for its name.
     */
    static List<Function<Tenant, Strategy>> strategies() {
        return List.of(
                tenant -> new SleepPerAgentStrategy(),
                tenant -> new LinearBackoffPoolStrategy(),
                tenant -> new OfficialSdkStrategy(),
                tenant -> new CamelDefaultsStrategy(),
                tenant -> new ConnectorStrategy("wfm-agent-sync (as shipped)", Map.of()),
                OracleStrategy::knowing,
                // the connector with the shallower cut it had before, only where the cut matters: the limit drop
                tenant -> new ConnectorStrategy("wfm-agent-sync, backoff ratio 0.5 (the earlier default)",
                        Map.of("wfm.push.backoff-ratio", "0.5"), true),
                // what the README tells a tenant whose rate support raised: its rate, and a ceiling above its sessions
                tenant -> new ConnectorStrategy("wfm-agent-sync, the README's settings for a raised rate"
                        + " (rate-per-minute 6000, max-concurrent 40)", RAISED_TENANT_SETTINGS,
                        scenario -> scenario.equals(raisedTenant())));
    }

    /** The settings the README gives a tenant whose rate was raised, for the raised-tenant scenario's 6,000/min. */
    static final Map<String, String> RAISED_TENANT_SETTINGS = Map.of("wfm.push.rate-per-minute", "6000",
            "wfm.push.max-concurrent", "40");

    /** Runs everything and writes the report; returns the figures by scenario. */
    static List<List<Figures>> run(List<Scenario> scenarios, Path docs, String command) throws Exception {
        return run(scenarios, docs, command, false);
    }

    /**
     * With {@code ownScenarios}, also scenarios 5, {@link ConsecutiveRuns}, 6, {@link TwoInstances}, and 7, the
     * {@link #raisedTenant} (after the others, numbered after them). They have no small form: the smoke test leaves them out (5 runs the connector
     * three times in a row, 6 forks connector JVMs on PostgreSQL, which {@code ClusterIT} covers).
     */
    static List<List<Figures>> run(List<Scenario> scenarios, Path docs, String command, boolean ownScenarios)
            throws Exception {
        Files.createDirectories(docs.resolve("benchmarks"));
        List<List<Figures>> all = new ArrayList<>();
        String only = System.getProperty("bench.scenarios", "").trim();
        for (Scenario scenario : scenarios) {
            if (!only.isEmpty() && !java.util.Arrays.asList(only.split(",")).contains(
                    Integer.toString(scenarios.indexOf(scenario) + 1))) {
                all.add(new ArrayList<>());
                continue;
            }
            all.add(measureEvery(scenario, all.size() + 1, docs));
        }
        StringBuilder report = new StringBuilder(Report.markdown(scenarios, all, command));
        int consecutive = scenarios.size() + 1;
        if (ownScenarios && (only.isEmpty() || java.util.Arrays.asList(only.split(",")).contains(
                Integer.toString(consecutive)))) {
            report.append(ConsecutiveRuns.markdown(consecutive, ConsecutiveRuns.run()));
        }
        int twoInstances = scenarios.size() + 2;
        if (ownScenarios && (only.isEmpty() || java.util.Arrays.asList(only.split(",")).contains(
                Integer.toString(twoInstances)))) {
            report.append(TwoInstances.markdown(twoInstances, TwoInstances.run()));
        }
        int raised = scenarios.size() + 3;
        if (ownScenarios && (only.isEmpty() || java.util.Arrays.asList(only.split(",")).contains(
                Integer.toString(raised)))) {
            report.append(Report.section(raised, raisedTenant(), measureEvery(raisedTenant(), raised, docs)));
        }
        report.append(Report.bothKindsAgainstPresenceAlone(scenarios, all));
        for (Path before : beforeFiles(docs.resolve("benchmarks"))) {
            report.append(Report.beforeAndAfter(Files.readAllLines(before), scenarios, all));
        }
        Files.writeString(docs.resolve("BENCHMARKS.md"), report);
        return all;
    }

    /** The kept "before" measurements, {@code before-issue-NN-*.tsv}, the latest issue first. */
    private static List<Path> beforeFiles(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().matches("before-.*\\.tsv"))
                    .sorted(java.util.Comparator.comparing((Path file) -> file.getFileName().toString()).reversed())
                    .toList();
        }
    }

    /**
     * {@code -Dbench.strategies=wfm-agent-sync,oracle} runs only the strategies whose names contain
     * one of the listed words (used to measure an older version of the connector); all by default.
     */
    private static boolean selected(Function<Tenant, Strategy> strategy) {
        String filter = System.getProperty("bench.strategies", "").trim();
        if (filter.isEmpty()) {
            return true;
        }
        String name = strategy.apply(null).name();
        return java.util.Arrays.stream(filter.split(",")).map(String::trim).anyMatch(name::contains);
    }
}

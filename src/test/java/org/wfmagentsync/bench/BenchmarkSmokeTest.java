package org.wfmagentsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness on tiny scenarios, so it keeps compiling and working. It checks the harness
 * measures truthfully (the oracle and the connector lose nothing, each strategy in a JVM of its own), not how
 * fast anything is.
 */
class BenchmarkSmokeTest {

    @Test
    void the_harness_runs_every_strategy_and_writes_the_report_and_charts() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path docs = Files.createTempDirectory("bench-docs-");
        Duration cap = Duration.ofSeconds(2);
        List<Scenario> tiny = List.of(
                new Scenario("tiny, inside the window", 300, true, 10, 3, 6000, 0.15, 5, 0.5, 0.01, null, cap, 7),
                new Scenario("tiny, limit drop", 300, false, 10, 3, 6000, 0.15, 5, 0.5, 0.0, Duration.ofMillis(300),
                        cap, 7),
                new Scenario("tiny, inside the window, presence and routing status", 300, true, 10, 3, 6000, 0.15, 5,
                        0.5, 0.01, null, cap, 7, true));

        List<List<Figures>> all;
        int forksBefore = StrategyFork.started();
        System.setProperty("bench.warmups", "0"); // the harness is checked here, not speed
        try {
            all = BenchmarkMain.run(tiny, docs, "BenchmarkSmokeTest");
        } finally {
            System.clearProperty("bench.warmups");
        }

        assertEquals(all.stream().mapToInt(List::size).sum(), StrategyFork.started() - forksBefore,
                "every strategy, the oracle too, ran in a JVM of its own");
        String report = Files.readString(docs.resolve("BENCHMARKS.md"));
        assertTrue(report.contains("Every strategy, the oracle and the connector too, runs in a JVM of its own"),
                report);
        assertTrue(report.contains("## Scenario 1: tiny, inside the window"), report);
        assertTrue(report.contains("## Scenario 2: tiny, limit drop"), report);
        assertTrue(report.contains("## Scenario 3: tiny, inside the window, presence and routing status"), report);
        assertTrue(report.contains("## Presence and routing status against presence alone (scenarios 1 and 3)"), report);
        for (int scenario = 1; scenario <= 3; scenario++) {
            assertTrue(Files.size(docs.resolve("benchmarks/scenario-" + scenario + "-in-flight.png")) > 0);
            assertTrue(Files.size(docs.resolve("benchmarks/scenario-" + scenario + "-rejections.png")) > 0);
        }
        for (int scenario = 0; scenario < all.size(); scenario++) {
            List<Figures> runs = all.get(scenario);
            Scenario measured = tiny.get(scenario);
            assertEquals(BenchmarkMain.strategies().stream().filter(strategy -> strategy.apply(null).runsIn(measured))
                    .count(), runs.size());
            assertEquals(measured.limitDropAfter() != null,
                    runs.stream().anyMatch(run -> run.strategy().contains("backoff ratio 0.5")),
                    "the earlier cut is compared where the limit drops");
            Figures oracle = find(runs, "oracle");
            assertEquals(0, oracle.lost(), "the oracle delivers everything");
            assertEquals(0, oracle.conflicts409(), "the oracle never exceeds C");
            assertEquals(0, oracle.duplicates());
            Figures connector = find(runs, "wfm-agent-sync");
            assertEquals(0, connector.lost(), "wfm-agent-sync delivers everything");
            assertEquals(0, connector.duplicates());
            assertTrue(connector.peakInFlight() <= connector.limit());
            if (measured.bothKinds()) {
                assertEquals(List.of("wfm-agent-sync (as shipped)", "oracle (knows C and R): T*"),
                        runs.stream().map(Figures::strategy).toList(), "only these two send routing statuses");
                assertEquals(600, connector.delivered(), "a presence and a routing status for each of 300 agents");
                assertEquals(600, oracle.delivered());
            } else {
                assertTrue(find(runs, "sleep").capped(), "sleep(1000) per agent cannot finish 300 agents in 2 s");
            }
        }
    }

    private static Figures find(List<Figures> runs, String prefix) {
        return runs.stream().filter(run -> run.strategy().startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError("no strategy named " + prefix + "..."));
    }
}

package org.wfmagentsync.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** docs/BENCHMARKS.md: the machine and settings, one table per scenario, the charts, and the headline. */
final class Report {

    private Report() {
    }

    /**
     * The processor's model as Linux names it ({@code /proc/cpuinfo}), in parentheses, or nothing elsewhere: runs on
     * different machines differ by more than their spread, and the table says which it was.
     */
    private static String processor() {
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1)
                    .trim()).findFirst().map(model -> " (" + model + ")").orElse("");
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    static String markdown(List<Scenario> scenarios, List<List<Figures>> all, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `").append(command).append("` on ").append(LocalDate.now()).append(". Do not edit by hand:"
                + " run the command again.\n\n");
        md.append("## Machine and settings\n\n");
        md.append("- ").append(Runtime.getRuntime().availableProcessors()).append(" cores").append(processor())
                .append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB, Java ")
                .append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(".\n");
        md.append(BenchRun.forks()
                ? "- Over loopback. Every strategy, the oracle and the connector too, runs in a JVM of its own (`java"
                        + " org.wfmagentsync.bench.StrategyFork` on the test class path; the connector's with the options it"
                        + " ships with, `config/jvm.options` (the compiler C1 only: `-XX:TieredStopAtLevel=1`), every"
                        + " other with the JVM's defaults), started for each strategy in each scenario and kept across its warm-ups and its"
                        + " measured run, so its CPU time and heap are its own; the sandbox (simulated legacy system and"
                        + " Genesys Cloud) and the harness run in another, the benchmark's JVM. Strategies run one at a"
                        + " time, each from a fresh sandbox with the same seed.\n"
                : "- Over loopback, everything in the benchmark's JVM (`-Dbench.fork=false`): the sandbox (simulated"
                        + " legacy system and Genesys Cloud), the harness and each strategy in turn. Every strategy"
                        + " starts from a fresh sandbox with the same seed.\n");
        md.append("- Simulated Genesys Cloud: R requests per minute per client (fixed one-minute windows, 429 with"
                + " `Retry-After` beyond), a concurrent-session limit C (409 `SCHEDULE_CONFLICT` beyond), per-event"
                + " retryable conflicts for a share of events on their first attempt inside the publishing window,"
                + " log-normal latency, random 503s. Every strategy starts 30 s into a fresh rate-limit window, so"
                + " all meet the window's end at the same moment of their run.\n");
        md.append("- Times start when the strategy starts its sync, after its one-time set-up (the connector's Camel"
                + " start-up is not counted: it is a long-running service that syncs every few minutes). Every"
                + " strategy first reads the legacy feed over HTTP and maps it: the connector with its own routes"
                + " (which also check what changed against its state database), the others with the harness's"
                + " plain reader, in the timed part too, in the strategy's JVM. Each strategy that does more than"
                + " wait first runs three times, unmeasured, on as many agents as the scenario (at most 20,000), so that its code is compiled (a long-running client"
                + " is warm); the two that sleep between calls do not.\n");
        md.append("- **T\\*** is the time of the oracle, a client that knows C and R exactly (a semaphore of C, a pacer"
                + " at R per minute, full batches of 100, retryable events re-batched at once; in a JVM of its own"
                + " it is told C and the rate window at its start, and lowers C when the scenario drops it, at that"
                + " moment). × T\\* is each strategy's time divided by it.\n");
        md.append("- Capped strategies were stopped after the scenario's time cap; their time is projected linearly"
                + " from what they delivered (marked *projected*), and losses are not counted for them.\n");
        md.append("- *First request* is the time from the start to the first request: reading the legacy feed and, for"
                + " the connector, validating, mapping and checking what changed.\n");
        md.append("- Latency is from the poll (the strategy's start) to the moment the simulated Genesys Cloud"
                + " applied the agent's event. ");
        md.append(BenchRun.forks()
                ? "CPU and peak heap are those of the strategy's own JVM, from the start of the timed part to its"
                        + " end (its peak heap counted after a `System.gc()` at the end of its set-up).\n"
                : "CPU is the benchmark JVM's CPU time less the simulators' threads, and peak heap that JVM's"
                        + " (the simulators' share is small and the same for every strategy).\n");
        md.append("- A scenario of *presence and routing status* sends every state as a presence and as a routing"
                + " status: twice the events, over both endpoints, which share R and C (one client token). Only the"
                + " connector and the oracle send both; their requests, 409s, 429s and 503s are counted over both"
                + " endpoints, lost and duplicates over both kinds' events, latency over both.\n\n");
        for (int i = 0; i < scenarios.size(); i++) {
            scenario(md, i + 1, scenarios.get(i), all.get(i));
        }
        return md.toString();
    }

    /** One scenario's section, for a scenario measured after the others (numbered after them). */
    static String section(int number, Scenario scenario, List<Figures> runs) {
        StringBuilder md = new StringBuilder();
        scenario(md, number, scenario, runs);
        return md.toString();
    }

    private static void scenario(StringBuilder md, int number, Scenario scenario, List<Figures> runs) {
        Duration best = runs.stream().filter(run -> run.strategy().startsWith("oracle")).findFirst()
                .map(Figures::elapsed).orElse(Duration.ZERO);
        md.append("## Scenario ").append(number).append(": ").append(scenario.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%,d agents, all changed%s; R = %d/min; C = %s; per-event conflicts %.0f%%"
                + " on first attempt%s; latency median %d ms (log-normal sigma %.1f); %.0f%% random 503; cap %d s.%n%n",
                scenario.agents(), scenario.bothKinds() ? String.format(Locale.ROOT,
                        ", each sent as a presence and a routing status (%,d events)", scenario.events()) : "",
                scenario.ratePerMinute(), limits(scenario), scenario.perEventConflictShare() * 100,
                scenario.insideWindow() ? " (window on)" : " (window off, so none)", scenario.latencyMedianMs(),
                scenario.latencySigma(), scenario.random5xxShare() * 100, scenario.timeCap().toSeconds()));
        boolean drop = scenario.limitDropAfter() != null;
        md.append("| strategy | time | × T* | first request | requests | 409 | 429 | 409+429 share | 503 | retries | lost | duplicates"
                + " | latency p50 / p99 | peak in flight / C" + (drop ? " | round trips to converge" : "")
                + " | CPU | peak heap |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (drop ? "---:|" : "")
                + "---:|---:|\n");
        for (Figures run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,d | %,d | %,d | %.1f%% | %,d | %,d | %s | %,d"
                    + " | %s / %s | %d / %d%s | %.1f s | %d MiB |%n", run.strategy(), time(run), ratio(run, best),
                    String.format(Locale.ROOT, "%.2f s", run.firstRequest().toMillis() / 1000.0), run.requests(),
                    run.conflicts409(), run.rateLimited429(), 100 * run.capacityRejectionShare(),
                    run.unavailable503(), run.retries(),
                    run.lost() < 0 ? "n/a (capped)" : String.format(Locale.ROOT, "%,d", run.lost()), run.duplicates(),
                    seconds(run.latencyP50()), seconds(run.latencyP99()), run.peakInFlight(), run.limit(),
                    !drop ? "" : run.convergenceRoundTrips() == null ? " | n/a"
                            : String.format(Locale.ROOT, " | %.1f", run.convergenceRoundTrips()),
                    run.cpu().toMillis() / 1000.0, run.peakHeapBytes() / (1024 * 1024)));
        }
        md.append("\n![requests in flight](benchmarks/scenario-").append(number).append("-in-flight.png)\n\n");
        md.append("![rejections](benchmarks/scenario-").append(number).append("-rejections.png)\n\n");
    }

    /**
     * Each scenario of both kinds beside the scenario of presence alone with the same agents, limits and
     * seed: the connector and the oracle, each against its own scenario's T*.
     */
    static String bothKindsAgainstPresenceAlone(List<Scenario> scenarios, List<List<Figures>> all) {
        StringBuilder md = new StringBuilder();
        for (int both = 0; both < scenarios.size(); both++) {
            Scenario kinds = scenarios.get(both);
            if (!kinds.bothKinds() || all.get(both).isEmpty()) {
                continue;
            }
            int alone = -1;
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario other = scenarios.get(i);
                if (!other.bothKinds() && other.agents() == kinds.agents() && other.insideWindow() == kinds.insideWindow()
                        && other.concurrentLimit() == kinds.concurrentLimit()
                        && other.windowConcurrentLimit() == kinds.windowConcurrentLimit()
                        && other.ratePerMinute() == kinds.ratePerMinute()
                        && other.perEventConflictShare() == kinds.perEventConflictShare()
                        && other.limitDropAfter() == null && kinds.limitDropAfter() == null
                        && other.seed() == kinds.seed() && !all.get(i).isEmpty()) {
                    alone = i;
                }
            }
            if (alone < 0) {
                continue;
            }
            md.append("## Presence and routing status against presence alone (scenarios ").append(alone + 1)
                    .append(" and ").append(both + 1).append(")\n\n");
            md.append("The same agents, limits and seed; scenario ").append(both + 1).append(" sends each state as a"
                    + " presence and a routing status, twice the events, through the same limits. × T* is against each"
                    + " scenario's own oracle. The per-event conflicts are the sandbox's draw for every event's first"
                    + " attempt inside the window, whoever sends it, so twice the events meet about twice as many;"
                    + " 409 and 429 here are requests refused for the session limit and the rate limit.\n\n");
            md.append("| strategy | kinds | events | time | × T* | requests | 409 | 429 | 409+429 share | retries | lost"
                    + " | duplicates | peak in flight / C |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String strategy : List.of("wfm-agent-sync", "oracle")) {
                for (int index : new int[] {alone, both}) {
                    List<Figures> runs = all.get(index);
                    Scenario scenario = scenarios.get(index);
                    Duration best = runs.stream().filter(run -> run.strategy().startsWith("oracle")).findFirst()
                            .map(Figures::elapsed).orElse(Duration.ZERO);
                    runs.stream().filter(run -> run.strategy().startsWith(strategy)).findFirst().ifPresent(run -> md
                            .append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %,d | %,d | %,d | %.1f%% | %,d"
                                            + " | %s | %,d | %d / %d |%n", run.strategy(),
                                    scenario.bothKinds() ? "presence and routing status" : "presence alone",
                                    scenario.events(), time(run), ratio(run, best), run.requests(), run.conflicts409(),
                                    run.rateLimited429(), 100 * run.capacityRejectionShare(), run.retries(),
                                    run.lost() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", run.lost()),
                                    run.duplicates(), run.peakInFlight(), run.limit())));
                }
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String limits(Scenario scenario) {
        if (scenario.limitDropAfter() != null) {
            return scenario.concurrentLimit() + ", dropping to " + scenario.windowConcurrentLimit() + " after "
                    + seconds(scenario.limitDropAfter());
        }
        return scenario.insideWindow() ? Integer.toString(scenario.windowConcurrentLimit())
                : Integer.toString(scenario.concurrentLimit());
    }

    private static String time(Figures run) {
        return run.capped() ? seconds(run.projected()) + " *projected*" : seconds(run.elapsed());
    }

    private static String ratio(Figures run, Duration best) {
        return best.isZero() ? "-" : String.format(Locale.ROOT, "%.2f", run.ratioTo(best));
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 120_000) {
            return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * The connector before and after a change: the "before" rows are measured figures kept in a
     * {@code benchmarks/before-*.tsv} file (its {@code # title:} line names the change, its other
     * comment lines say what was measured and how), the "after" rows come from this run.
     */
    static String beforeAndAfter(List<String> tsv, List<Scenario> scenarios, List<List<Figures>> all) {
        String title = tsv.stream().filter(line -> line.startsWith("# title:")).findFirst()
                .map(line -> line.substring("# title:".length()).trim()).orElse("Before and after");
        StringBuilder md = new StringBuilder("## ").append(title).append("\n\n");
        tsv.stream().filter(line -> line.startsWith("# ") && !line.startsWith("# scenario")
                && !line.startsWith("# title:")).forEach(line -> md.append(line.substring(2)).append(' '));
        md.append("\n\n| scenario | version | time | × T* | requests | 409 | 429 | 409+429 share | lost | duplicates"
                + " | round trips to converge |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String line : tsv) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] before = line.split("\t");
            int index = Integer.parseInt(before[0]) - 1;
            if (index >= all.size()) {
                continue;
            }
            md.append("| ").append(index + 1).append(" | before | ")
                    .append(String.join(" | ", java.util.Arrays.copyOfRange(before, 1, before.length))).append(" |\n");
            List<Figures> runs = all.get(index);
            Duration best = runs.stream().filter(run -> run.strategy().startsWith("oracle")).findFirst()
                    .map(Figures::elapsed).orElse(Duration.ZERO);
            runs.stream().filter(run -> run.strategy().startsWith("wfm-agent-sync")).findFirst().ifPresent(run -> md
                    .append(String.format(Locale.ROOT, "| %d | after | %s | %s | %,d | %,d | %,d | %.1f%% | %s | %,d | %s |%n",
                            index + 1, time(run), ratio(run, best), run.requests(), run.conflicts409(),
                            run.rateLimited429(), 100 * run.capacityRejectionShare(),
                            run.lost() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", run.lost()), run.duplicates(),
                            run.convergenceRoundTrips() == null ? "-"
                                    : String.format(Locale.ROOT, "%.1f", run.convergenceRoundTrips()))));
        }
        return md.append('\n').toString();
    }
}

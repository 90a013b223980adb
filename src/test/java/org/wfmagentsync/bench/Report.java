package org.wfmagentsync.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** docs/BENCHMARKS.md: the machine and settings, one table per scenario, the charts, and the headline. */
final class Report {

    private Report() {
    }

    static String markdown(List<Scenario> scenarios, List<List<Figures>> all, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `").append(command).append("` on ").append(LocalDate.now()).append(". Do not edit by hand:"
                + " run the command again.\n\n");
        md.append("## Machine and settings\n\n");
        md.append("- ").append(Runtime.getRuntime().availableProcessors()).append(" cores, max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB, Java ")
                .append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(".\n");
        md.append("- Everything runs in one JVM over loopback: the built-in sandbox (simulated legacy system and Genesys"
                + " Cloud) and each strategy in turn. Every strategy starts from a fresh sandbox with the same seed.\n");
        md.append("- Simulated Genesys Cloud: R requests per minute per client (fixed one-minute windows, 429 with"
                + " `Retry-After` beyond), a concurrent-session limit C (409 `SCHEDULE_CONFLICT` beyond), per-event"
                + " retryable conflicts for a share of events on their first attempt inside the publishing window,"
                + " log-normal latency, random 503s.\n");
        md.append("- **T\\*** is the time of the oracle, a client that knows C and R exactly (a semaphore of C, a pacer"
                + " at R per minute, full batches of 100, retryable events re-batched at once). × T\\* is each"
                + " strategy's time divided by it.\n");
        md.append("- Capped strategies were stopped after the scenario's time cap; their time is projected linearly"
                + " from what they delivered (marked *projected*), and losses are not counted for them.\n");
        md.append("- Latency is from the poll (the strategy's start) to the moment the simulated Genesys Cloud"
                + " applied the agent's event. CPU is this JVM's CPU time less the simulators' threads; peak heap is"
                + " the JVM's (the simulators' share is small and the same for every strategy).\n\n");
        for (int i = 0; i < scenarios.size(); i++) {
            scenario(md, i + 1, scenarios.get(i), all.get(i));
        }
        return md.toString();
    }

    private static void scenario(StringBuilder md, int number, Scenario scenario, List<Figures> runs) {
        Duration best = runs.stream().filter(run -> run.strategy().startsWith("oracle")).findFirst()
                .map(Figures::elapsed).orElse(Duration.ZERO);
        md.append("## Scenario ").append(number).append(": ").append(scenario.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%,d agents, all changed; R = %d/min; C = %s; per-event conflicts %.0f%%"
                + " on first attempt%s; latency median %d ms (log-normal sigma %.1f); %.0f%% random 503; cap %d s.%n%n",
                scenario.agents(), scenario.ratePerMinute(), limits(scenario), scenario.perEventConflictShare() * 100,
                scenario.insideWindow() ? " (window on)" : " (window off, so none)", scenario.latencyMedianMs(),
                scenario.latencySigma(), scenario.random5xxShare() * 100, scenario.timeCap().toSeconds()));
        md.append("| strategy | time | × T* | requests | 409 | 429 | 503 | retries | lost | duplicates | latency p50 / p99"
                + " | peak in flight / C | CPU | peak heap |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Figures run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %,d | %,d | %,d | %s | %,d | %s / %s | %d / %d"
                    + " | %.1f s | %d MiB |%n", run.strategy(), time(run), ratio(run, best), run.requests(),
                    run.conflicts409(), run.rateLimited429(), run.unavailable503(), run.retries(),
                    run.lost() < 0 ? "n/a (capped)" : String.format(Locale.ROOT, "%,d", run.lost()), run.duplicates(),
                    seconds(run.latencyP50()), seconds(run.latencyP99()), run.peakInFlight(), run.limit(),
                    run.cpu().toMillis() / 1000.0, run.peakHeapBytes() / (1024 * 1024)));
        }
        md.append("\n![requests in flight](benchmarks/scenario-").append(number).append("-in-flight.png)\n\n");
        md.append("![rejections](benchmarks/scenario-").append(number).append("-rejections.png)\n\n");
    }

    private static String limits(Scenario scenario) {
        if (scenario.limitDropAfter() != null) {
            return scenario.concurrentLimit() + ", dropping to " + scenario.windowConcurrentLimit() + " after "
                    + scenario.limitDropAfter().toSeconds() + " s";
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
}

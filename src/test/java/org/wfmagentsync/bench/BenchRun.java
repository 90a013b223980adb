package org.wfmagentsync.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.wfmagentsync.StateTable;
import org.wfmagentsync.sandbox.AgentTruth;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.sandbox.UserPresence;
import org.wfmagentsync.sandbox.UserRoutingStatus;
import org.wfmagentsync.sandbox.WindowMode;

/** Runs one strategy on one scenario against a fresh sandbox (same seed every time) and measures it. */
final class BenchRun {

    /** How far into a rate-limit window every strategy starts. */
    static final Duration RATE_WINDOW_PHASE = Duration.ofSeconds(30);

    private BenchRun() {
    }

    /**
     * {@code strategyFor} builds the strategy once the sandbox exists (the oracle reads the tenant's limits). The
     * strategy runs in a JVM of its own, its warm-ups too ({@link StrategyFork}: rebuilt there by its name from
     * {@link BenchmarkMain#strategies()}), unless {@code -Dbench.fork=false} keeps it in this one, with the sandbox.
     */
    static Figures run(Scenario scenario, Function<Tenant, Strategy> strategyFor) throws Exception {
        return inOwnJvm(strategyFor, forked -> warmAndMeasure(scenario, forked));
    }

    /** What {@code body} measures with the strategy of {@code strategyFor}. */
    interface Measured<T> {
        T with(Function<Tenant, Strategy> strategyFor) throws Exception;
    }

    /**
     * Runs {@code body} with the strategy in one JVM of its own for the whole body ({@link StrategyFork}: every
     * strategy the body builds is rebuilt there by its name), or in this one with {@code -Dbench.fork=false}.
     */
    static <T> T inOwnJvm(Function<Tenant, Strategy> strategyFor, Measured<T> body) throws Exception {
        if (!forks()) {
            return body.with(strategyFor);
        }
        Strategy local = strategyFor.apply(null);
        try (StrategyFork fork = StrategyFork.start(local.jvmOptions())) {
            return body.with(tenant -> new ForkedStrategy(fork, strategyFor.apply(null), tenant));
        }
    }

    /** Whether strategies run in JVMs of their own: yes unless {@code -Dbench.fork=false}. */
    static boolean forks() {
        return Boolean.parseBoolean(System.getProperty("bench.fork", "true"));
    }

    private static Figures warmAndMeasure(Scenario scenario, Function<Tenant, Strategy> strategyFor)
            throws Exception {
        if (strategyFor.apply(null).warmsUp()) {
            for (int round = 0; round < warmUpRuns(); round++) {
                measure(warmUp(scenario), strategyFor);
            }
        }
        return measure(scenario, strategyFor);
    }

    /**
     * Unmeasured runs before the measured one: enough for the JIT to compile the hot paths.
     * {@code -Dbench.warmups=N} changes it (the smoke test uses 0: it checks the harness, not speed).
     */
    static int warmUpRuns() {
        return Integer.getInteger("bench.warmups", 3);
    }

    /**
     * An unmeasured scenario with the same limits and up to 20,000 agents (more would wait for the
     * rate limit), to get the strategy's code compiled before it is timed.
     */
    static Scenario warmUp(Scenario scenario) {
        return new Scenario("warm-up", Math.min(scenario.agents(), 20_000), scenario.insideWindow(),
                scenario.concurrentLimit(),
                scenario.windowConcurrentLimit(), scenario.ratePerMinute(), scenario.perEventConflictShare(), 5,
                scenario.latencySigma(), scenario.random5xxShare(), null, scenario.timeCap(), scenario.seed() + 1,
                scenario.bothKinds());
    }

    static Figures measure(Scenario scenario, Function<Tenant, Strategy> strategyFor) throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(scenario))) {
            Strategy strategy = strategyFor.apply(Tenant.of(sandbox.genesys()));
            Path mapping = Files.createTempFile("bench-agents-", ".csv");
            sandbox.writeAgentMappingCsv(mapping);
            Map<String, String> expected = new HashMap<>();
            Map<String, String> expectedRouting = new HashMap<>();
            Target target = target(sandbox, mapping, expected, scenario.bothKinds() ? expectedRouting : null);
            ScheduledExecutorService drop = Executors.newSingleThreadScheduledExecutor();
            Strategy.Outcome outcome;
            Instant start;
            Instant end;
            Meter meter;
            try {
                strategy.prepare(scenario, target);
                meter = new Meter();
                start = Instant.now();
                // Every strategy meets the rate limit in the same phase: 30 s into a fresh one-minute window.
                sandbox.genesys().restartRateWindows(start.minus(RATE_WINDOW_PHASE));
                if (scenario.limitDropAfter() != null) {
                    drop.schedule(() -> sandbox.genesys().setConcurrentLimit(scenario.windowConcurrentLimit()),
                            scenario.limitDropAfter().toMillis(), TimeUnit.MILLISECONDS);
                }
                outcome = strategy.run(scenario, strategy.pullsItself() ? target : target.pull(scenario.bothKinds()));
                end = Instant.now();
            } finally {
                drop.shutdownNow();
                strategy.close();
                Files.deleteIfExists(mapping);
            }
            Duration elapsed = Duration.between(start, end);
            return figures(strategy.name(), scenario, sandbox, expected, expectedRouting, outcome, elapsed, start,
                    meter);
        }
    }

    static SandboxSettings settings(Scenario scenario) {
        return SandboxSettings.builder().seed(scenario.seed()).legacyAgents(scenario.agents()).legacyChangeShare(0)
                .windowMode(scenario.insideWindow() ? WindowMode.ON : WindowMode.OFF)
                .concurrentLimit(scenario.concurrentLimit()).windowConcurrentLimit(scenario.windowConcurrentLimit())
                .rateLimitPerMinute(scenario.ratePerMinute()).perEventConflictShare(scenario.perEventConflictShare())
                .latencyMedianMs(scenario.latencyMedianMs()).latencySigma(scenario.latencySigma())
                .random5xxShare(scenario.random5xxShare()).build();
    }

    /**
     * The legacy truth, pulled and mapped once for the strategies that do not pull themselves; with
     * {@code expectedRouting} (both kinds) the routing-status events too.
     */
    static Target target(Sandbox sandbox, Path mapping, Map<String, String> expected,
            Map<String, String> expectedRouting) {
        Map<String, String> presenceByState = StateTable.load(StateTable.SHIPPED);
        Map<String, String> routingByState = StateTable.loadRouting(StateTable.SHIPPED);
        String sourceId = sandbox.settings().presenceSourceId();
        List<Target.Event> events = new ArrayList<>();
        List<Target.RoutingEvent> routing = new ArrayList<>();
        for (Map.Entry<String, AgentTruth> agent : sandbox.legacy().truth().entrySet()) {
            AgentTruth truth = agent.getValue();
            String presence = StateTable.presenceOf(presenceByState, truth.state().name(), truth.reason());
            String userId = SandboxUsers.userIdOf(agent.getKey());
            String eventId = UUID.nameUUIDFromBytes((agent.getKey() + "|" + truth.state() + "|" + truth.reason() + "|"
                    + truth.changedAt()).getBytes(StandardCharsets.UTF_8)).toString();
            events.add(new Target.Event(eventId, truth.changedAt().toString(), userId, sourceId, presence));
            expected.put(userId, presence);
            if (expectedRouting != null) {
                Target.RoutingEvent event = Target.routingEvent(agent.getKey(), truth.state().name(), truth.reason(),
                        truth.changedAt().toString(), sourceId, routingByState);
                routing.add(event);
                expectedRouting.put(userId, event.status());
            }
        }
        return new Target(sandbox.genesys().baseUrl(), sandbox.genesys().baseUrl(), sandbox.settings().clientId(),
                sandbox.settings().clientSecret(), sourceId, sandbox.legacy().agentsUrl(), mapping, List.copyOf(events),
                List.copyOf(routing));
    }

    /**
     * Requests, answers and duplicates are counted over both event endpoints (presence alone has no
     * routing-status requests); delivered and lost count events, a presence and a routing status each.
     */
    private static Figures figures(String name, Scenario scenario, Sandbox sandbox, Map<String, String> expected,
            Map<String, String> expectedRouting, Strategy.Outcome outcome, Duration elapsed, Instant start,
            Meter meter) {
        Map<String, UserPresence> state = sandbox.genesys().state();
        Map<String, UserRoutingStatus> routingState = sandbox.genesys().routingState();
        GenesysCounters counters = sandbox.genesys().counters();
        long delivered = expected.entrySet().stream().filter(user -> state.containsKey(user.getKey())
                && user.getValue().equals(state.get(user.getKey()).presenceDefinitionId())).count()
                + expectedRouting.entrySet().stream().filter(user -> routingState.containsKey(user.getKey())
                && user.getValue().equals(routingState.get(user.getKey()).status())).count();
        long events = expected.size() + expectedRouting.size();
        long lost = outcome.capped() ? -1 : events - delivered;
        Duration projected = outcome.capped() && delivered > 0
                ? Duration.ofMillis(elapsed.toMillis() * events / delivered) : elapsed;
        List<Long> latencies = java.util.stream.Stream.concat(
                state.values().stream().map(UserPresence::appliedAt),
                routingState.values().stream().map(UserRoutingStatus::appliedAt))
                .map(applied -> Duration.between(start, applied).toMillis()).sorted().toList();
        // a strategy in a JVM of its own measured itself there
        Duration cpu = outcome.cpu() != null ? outcome.cpu() : meter.cpu();
        long peakHeap = outcome.peakHeapBytes() != null ? outcome.peakHeapBytes() : meter.peakHeap();
        return new Figures(name, outcome.capped(), elapsed, projected,
                counters.requests() + counters.routingStatus().requests(), counters.statusOfBoth(409),
                counters.statusOfBoth(429), counters.statusOfBoth(503), outcome.retries(), delivered, lost,
                counters.duplicateEvents() + counters.routingStatus().duplicateEvents(), percentile(latencies, 0.50),
                percentile(latencies, 0.99),
                counters.peakInFlight(), scenario.insideWindow() ? scenario.windowConcurrentLimit()
                        : scenario.concurrentLimit(), cpu, peakHeap,
                scenario.limitDropAfter() == null || outcome.capped() ? null
                        : convergence(sandbox.genesys().requestLog(), start.plus(scenario.limitDropAfter())),
                sandbox.genesys().requestLog().stream().map(RequestLogEntry::arrivalInstant).min(Instant::compareTo)
                        .map(first -> Duration.between(start, first)).orElse(Duration.ZERO),
                sandbox.genesys().requestLog());
    }

    /**
     * How many round trips after the limit dropped the client stopped running into it: the time from
     * the drop to the answer of the last 409 of the burst it set off (409s closer together than 10
     * round trips), over the median round trip of the requests that were served.
     */
    static double convergence(List<RequestLogEntry> log, Instant drop) {
        List<Long> served = log.stream().filter(entry -> entry.status() / 100 == 2)
                .map(entry -> Duration.between(entry.arrivalInstant(), entry.answeredInstant()).toNanos()).sorted()
                .toList();
        if (served.isEmpty()) {
            return 0;
        }
        long rtt = Math.max(1, served.get(served.size() / 2));
        List<Instant> conflicts = log.stream().filter(entry -> entry.status() == 409)
                .map(RequestLogEntry::answeredInstant).filter(at -> !at.isBefore(drop)).sorted().toList();
        Instant last = null;
        for (Instant conflict : conflicts) {
            Instant since = last == null ? drop : last;
            if (Duration.between(since, conflict).toNanos() > 10 * rtt) {
                break;
            }
            last = conflict;
        }
        return last == null ? 0 : (double) Duration.between(drop, last).toNanos() / rtt;
    }

    private static Duration percentile(List<Long> sorted, double share) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(share * sorted.size()) - 1)));
    }

    /**
     * With {@code -Dbench.fork=false}: CPU time of this JVM less the simulators' own threads, and the peak heap.
     * The heap is shared with the simulators (their share is small and the same for every strategy).
     */
    private static final class Meter {
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final long processCpuAtStart = os.getProcessCpuTime();

        Meter() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        Duration cpu() {
            long simulators = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && (info.getThreadName().startsWith("genesys-sim")
                        || info.getThreadName().startsWith("legacy-sim"))) {
                    simulators += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return Duration.ofNanos(Math.max(0, os.getProcessCpuTime() - processCpuAtStart - simulators));
        }

        long peakHeap() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }
    }
}

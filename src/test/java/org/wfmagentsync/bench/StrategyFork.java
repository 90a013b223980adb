package org.wfmagentsync.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.wfmagentsync.ConnectorProcess;

/**
 * A JVM of its own for one strategy of the benchmark (the connector or a client), so that its CPU time and heap
 * are its own and not shared with the sandbox or the harness. It stays up across the strategy's warm-ups and its
 * measured run in a scenario (a long-running client is warm), each of them a {@code start} (the strategy's
 * one-time set-up: the connector starts Camel Main), a {@code sync} (the timed part) and a {@code stop}. The parent
 * speaks to it over its standard input, one command a line; the child answers on standard output, one line
 * starting with {@link #ANSWER}, and everything else it prints (its log) goes to a file.
 */
final class StrategyFork implements AutoCloseable {

    private static final String ANSWER = "@@fork ";
    private static final long ANSWER_TIMEOUT_MINUTES = 10;
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;

    private StrategyFork(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> drain(process.getInputStream()), "strategy-fork-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A new JVM on the test class path, with the strategy's own options ({@link Strategy#jvmOptions()}) and those
     * {@code -Dbench.fork-jvm} gives after them (so they win).
     */
    static StrategyFork start(List<String> strategyOptions) {
        try {
            Path log = Files.createTempFile("bench-strategy-fork-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(strategyOptions);
            // -Dbench.fork-jvm="-XX:StartFlightRecording=..." profiles the strategies' JVMs (none by default)
            String options = System.getProperty("bench.fork-jvm", "").trim();
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
            command.add(StrategyFork.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("CLASSPATH", ConnectorProcess.classPath());
            StrategyFork fork = new StrategyFork(builder.start(), log);
            STARTED.incrementAndGet();
            return fork;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a strategy's JVM", e);
        }
    }

    /** How many strategy JVMs this JVM has started (the smoke test checks the strategies ran in them). */
    static int started() {
        return STARTED.get();
    }

    /** Builds the strategy {@code description} names in the fork and runs its one-time set-up there. */
    void start(Properties description) throws IOException, InterruptedException {
        Path file = Files.createTempFile("bench-strategy-", ".properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            description.store(out, "a strategy of the benchmark");
        }
        try {
            expect(call("start " + file.toAbsolutePath()), "started");
        } finally {
            Files.deleteIfExists(file); // read by then, and it holds the sandbox's client secret
        }
    }

    /**
     * One timed run in the fork, told the tenant's limit and rate windows as they are now; the outcome carries
     * the CPU time and peak heap the fork measured from the run's start to its end.
     */
    Strategy.Outcome sync(int concurrentLimit, Instant rateWindowOrigin) throws IOException, InterruptedException {
        String[] parts = call("sync " + concurrentLimit + " " + rateWindowOrigin.toEpochMilli()).split(" ");
        if (!parts[0].equals("synced")) {
            throw new IllegalStateException("the strategy's JVM answered " + String.join(" ", parts) + "; log " + log);
        }
        return new Strategy.Outcome(Boolean.parseBoolean(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                Duration.ofNanos(Long.parseLong(parts[4])), Long.parseLong(parts[5]),
                parts[6].equals("-") ? null : new Strategy.LimitStart(Integer.parseInt(parts[6]), parts[7]));
    }

    /** Releases what {@link #start} set up. */
    void stop() throws IOException, InterruptedException {
        expect(call("stop"), "stopped");
    }

    @Override
    public void close() {
        try {
            commands.close(); // end of input: the fork exits
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String call(String command) throws IOException, InterruptedException {
        commands.write(command + "\n");
        commands.flush();
        String answer = answers.poll(ANSWER_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (answer == null) {
            throw new IllegalStateException("the strategy's JVM did not answer '" + command + "'; log " + log);
        }
        return answer;
    }

    private void expect(String answer, String expected) {
        if (!answer.equals(expected)) {
            throw new IllegalStateException("the strategy's JVM answered " + answer + "; log " + log);
        }
    }

    private void drain(java.io.InputStream output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith(ANSWER)) {
                    answers.add(line.substring(ANSWER.length()));
                } else {
                    file.write(line + "\n");
                    file.flush();
                }
            }
        } catch (IOException e) {
            answers.add("failed " + e.getMessage());
        }
        answers.add("failed the strategy's JVM ended");
    }

    /** The fork's side: runs the parent's commands until its input ends. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ToldTenant tenant = new ToldTenant();
        Strategy strategy = null;
        Scenario scenario = null;
        Target target = null;
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            try {
                if (line.startsWith("start ")) {
                    Properties description = new Properties();
                    try (Reader in = Files.newBufferedReader(Path.of(line.substring(6)), StandardCharsets.UTF_8)) {
                        description.load(in);
                    }
                    strategy = named(description.getProperty("strategy"), tenant);
                    scenario = ForkedStrategy.scenarioOf(description);
                    target = ForkedStrategy.targetOf(description);
                    strategy.prepare(scenario, target);
                    System.gc(); // here, so that the timed part does not pay for the set-up's garbage
                    answer(out, "started");
                } else if (line.startsWith("sync ")) {
                    String[] told = line.split(" ");
                    tenant.tell(scenario, Integer.parseInt(told[1]), Instant.ofEpochMilli(Long.parseLong(told[2])));
                    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                    long cpuAtStart = os.getProcessCpuTime();
                    Strategy.Outcome outcome = strategy.run(scenario,
                            strategy.pullsItself() ? target : target.pull(scenario.bothKinds()));
                    long cpu = os.getProcessCpuTime() - cpuAtStart;
                    long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(pool -> pool.getType() == MemoryType.HEAP)
                            .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                    Strategy.LimitStart limitStart = outcome.limitStart();
                    answer(out, "synced " + outcome.capped() + " " + outcome.eventsHandled() + " " + outcome.retries()
                            + " " + cpu + " " + heap + " " + (limitStart == null ? "- -"
                            : limitStart.level() + " " + limitStart.from().replace(' ', '_')));
                } else if (line.equals("stop")) {
                    if (strategy != null) {
                        strategy.close();
                        strategy = null;
                    }
                    answer(out, "stopped");
                } else {
                    answer(out, "unknown " + line);
                }
            } catch (Exception e) {
                e.printStackTrace(out);
                answer(out, "failed " + e);
            }
        }
        if (strategy != null) {
            strategy.close();
        }
        System.exit(0);
    }

    /** One write, so that no log line from another thread lands between an answer and its line end. */
    private static void answer(PrintStream out, String answer) {
        out.print(ANSWER + answer.replace('\n', ' ') + "\n");
    }

    /** The benchmark's strategy of that name, built here as {@link BenchmarkMain#strategies()} builds it. */
    private static Strategy named(String name, Tenant tenant) {
        return BenchmarkMain.strategies().stream().map(strategy -> strategy.apply(tenant))
                .filter(strategy -> strategy.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no strategy of the benchmark is named " + name));
    }

    /**
     * The tenant's limits as the harness told them at the sync's start. A scheduled drop of the session limit
     * (the scenario's {@code limitDropAfter}, counted from the run's start, {@link BenchRun#RATE_WINDOW_PHASE} after
     * the window origin) is applied here at its time from the scenario, not told: the sandbox's timer applies it
     * at that time or a little after, so the oracle lowers its limit no later than the tenant does.
     */
    private static final class ToldTenant implements Tenant {
        private volatile int limit;
        private volatile Instant origin;
        private volatile long dropAtMillis = Long.MAX_VALUE;
        private volatile int limitAfterDrop;

        void tell(Scenario scenario, int limitNow, Instant windowOrigin) {
            limit = limitNow;
            origin = windowOrigin;
            limitAfterDrop = scenario.windowConcurrentLimit();
            dropAtMillis = scenario.limitDropAfter() == null ? Long.MAX_VALUE
                    : windowOrigin.plus(BenchRun.RATE_WINDOW_PHASE).plus(scenario.limitDropAfter()).toEpochMilli();
        }

        @Override
        public int concurrentLimitNow() {
            return System.currentTimeMillis() >= dropAtMillis ? limitAfterDrop : limit;
        }

        @Override
        public Instant rateWindowOrigin() {
            return origin;
        }
    }
}

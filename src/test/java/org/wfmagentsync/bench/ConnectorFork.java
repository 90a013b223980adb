package org.wfmagentsync.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;
import org.wfmagentsync.ConnectorProcess;
import org.wfmagentsync.WfmAgentSync;
import org.wfmagentsync.model.RunSummary;

/**
 * The connector in a JVM of its own for the benchmark, so that its CPU time and heap are its own and
 * not shared with the sandbox or the harness. The JVM stays up across a scenario's warm-ups and its
 * measured run (a long-running service is warm), and each of them starts and stops Camel Main in it
 * as {@link ConnectorStrategy} does in process. The parent speaks to it over its standard input, one
 * command a line; the child answers on standard output, one line starting with {@link #ANSWER}, and
 * everything else it prints (its log) goes to a file.
 */
final class ConnectorFork implements AutoCloseable {

    private static final String ANSWER = "@@fork ";
    private static final long ANSWER_TIMEOUT_MINUTES = 10;
    private static ConnectorFork shared;

    /** What one sync run in the fork did and cost. */
    record Sync(long delivered, long deadLettered, long retries, long cpuNanos, long peakHeapBytes) {
    }

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;

    private ConnectorFork(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> drain(process.getInputStream()), "connector-fork-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The fork the benchmark's connector rows share, started on first use. */
    static synchronized ConnectorFork shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** Ends the shared fork (after a scenario), so the next scenario's starts from nothing too. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    private static ConnectorFork start() {
        try {
            Path log = Files.createTempFile("bench-connector-fork-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // -Dbench.connector-jvm="-XX:StartFlightRecording=..." profiles the connector's JVM (none by default)
            String options = System.getProperty("bench.connector-jvm", "").trim();
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
            command.add(ConnectorFork.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("CLASSPATH", ConnectorProcess.classPath());
            return new ConnectorFork(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the connector's JVM", e);
        }
    }

    /** Starts Camel Main in the fork with these settings. */
    void startConnector(Properties settings, Path folder) throws IOException, InterruptedException {
        Path file = folder.resolve("fork.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(out, "the benchmark's connector");
        }
        expect(call("start " + file.toAbsolutePath()), "started");
    }

    /** One sync run in the fork; its CPU and peak heap are measured there, from its start to its end. */
    Sync sync() throws IOException, InterruptedException {
        String[] parts = call("sync").split(" ");
        if (!parts[0].equals("synced")) {
            throw new IllegalStateException("the connector's JVM answered " + String.join(" ", parts) + "; log " + log);
        }
        return new Sync(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                Long.parseLong(parts[4]), Long.parseLong(parts[5]));
    }

    void stopConnector() throws IOException, InterruptedException {
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
            throw new IllegalStateException("the connector's JVM did not answer '" + command + "'; log " + log);
        }
        return answer;
    }

    private void expect(String answer, String expected) {
        if (!answer.equals(expected)) {
            throw new IllegalStateException("the connector's JVM answered " + answer + "; log " + log);
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
    }

    /** The fork's side: runs the parent's commands until its input ends. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Main main = null;
        Reader input = new InputStreamReader(System.in, StandardCharsets.UTF_8);
        BufferedReader lines = new BufferedReader(input);
        for (String line; (line = lines.readLine()) != null; ) {
            try {
                if (line.startsWith("start ")) {
                    Properties settings = new Properties();
                    try (Reader in = Files.newBufferedReader(Path.of(line.substring(6)), StandardCharsets.UTF_8)) {
                        settings.load(in);
                    }
                    main = WfmAgentSync.connector(settings);
                    main.start();
                    out.println(ANSWER + "started");
                } else if (line.equals("sync")) {
                    System.gc();
                    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                    long cpuAtStart = os.getProcessCpuTime();
                    RunSummary run = main.getCamelContext().createProducerTemplate()
                            .requestBody("direct:sync-run", null, RunSummary.class);
                    long cpu = os.getProcessCpuTime() - cpuAtStart;
                    long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(pool -> pool.getType() == MemoryType.HEAP)
                            .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                    out.println(ANSWER + "synced " + run.delivered() + " " + run.deadLettered() + " " + run.retries()
                            + " " + cpu + " " + heap);
                } else if (line.equals("stop")) {
                    if (main != null) {
                        main.stop();
                        main = null;
                    }
                    out.println(ANSWER + "stopped");
                } else {
                    out.println(ANSWER + "unknown " + line);
                }
            } catch (Exception e) {
                e.printStackTrace(out);
                out.println(ANSWER + "failed " + e);
            }
        }
        if (main != null) {
            main.stop();
        }
        System.exit(0);
    }
}

package org.wfmagentsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real connector ({@code java org.wfmagentsync.WfmAgentSync}, the route files, the
 * configuration file) in a JVM of its own, so a test can kill it the way an operating system does:
 * SIGKILL ({@link #kill()}) leaves no chance to clean up, SIGTERM ({@link #terminate()}) runs
 * Camel Main's graceful stop. Settings go in as system properties; its output goes to a log file.
 * Public for the benchmark, which forks connectors the same way.
 */
public final class ConnectorProcess {

    /** A short-lived JVM on a busy test machine: quick start, little JIT and GC work. */
    private static final List<String> TEST_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Process process;
    private final Path log;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ConnectorProcess(Process process, Path log, int managementPort) {
        this.process = process;
        this.log = log;
        this.managementPort = managementPort;
    }

    /**
     * Starts the connector with these settings ({@code camel.management.port} must be among them) and
     * these environment variables (secrets go there, not on the command line).
     */
    static ConnectorProcess start(Map<String, String> properties, Map<String, String> environment, Path log) {
        return start(WfmAgentSync.class, List.of(), properties, environment, log);
    }

    /** The connector with a heap of this many megabytes; it exits on an OutOfMemoryError. */
    static ConnectorProcess startWithHeap(int heapMb, Map<String, String> properties, Map<String, String> environment,
            Path log) {
        return start(WfmAgentSync.class, jvm(List.of("-Xmx" + heapMb + "m", "-XX:+ExitOnOutOfMemoryError")), List.of(),
                properties, environment, log);
    }

    /** The same, with more options for its JVM (a GC log, say). */
    static ConnectorProcess startWithHeap(int heapMb, List<String> jvmOptions, Map<String, String> properties,
            Map<String, String> environment, Path log) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heapMb + "m", "-XX:+ExitOnOutOfMemoryError"));
        options.addAll(jvmOptions);
        return start(WfmAgentSync.class, options, List.of(), properties, environment, log);
    }

    /** Any main class of the project in a JVM of its own, e.g. a small program that writes state until killed. */
    static ConnectorProcess start(Class<?> main, List<String> args, Map<String, String> properties,
            Map<String, String> environment, Path log) {
        return start(main, jvm(List.of("-Xmx256m")), args, properties, environment, log);
    }

    /**
     * The connector with these JVM options alone, without the tests' quick-start flags: the benchmark
     * measures it with the JIT it runs with in production.
     */
    public static ConnectorProcess startMeasured(List<String> jvmOptions, Map<String, String> properties,
            Map<String, String> environment, Path log) {
        return start(WfmAgentSync.class, jvmOptions, List.of(), properties, environment, log);
    }

    private static List<String> jvm(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.addAll(TEST_JVM);
        return all;
    }

    /**
     * The class path this code was loaded from: failsafe's {@code java.class.path}, or, when it runs inside
     * Maven (the benchmark, through exec:java, where {@code java.class.path} is Maven's launcher), the URLs
     * of the class loader Maven built for it.
     */
    public static String classPath() {
        if (ConnectorProcess.class.getClassLoader() instanceof java.net.URLClassLoader loader
                && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException("not a file on the class path: " + url, e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static ConnectorProcess start(Class<?> main, List<String> jvmOptions, List<String> args,
            Map<String, String> properties, Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the test's own class path (failsafe's: target/classes, target/test-classes, the sandbox module's
        // jar, every dependency), through the environment rather than a long command line
        builder.environment().put("CLASSPATH", classPath());
        builder.environment().put("WFM_LOG_LEVEL", "INFO");
        builder.environment().putAll(environment);
        try {
            return new ConnectorProcess(builder.start(), log,
                    Integer.parseInt(properties.getOrDefault("camel.management.port", "0")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the connector process", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process ends at once, in whatever state it is. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: a graceful stop; returns how long the process took to exit. */
    public Duration terminate(Duration bound) {
        long start = System.nanoTime();
        process.destroy();
        awaitExit(bound);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    int exitValue() {
        return process.exitValue();
    }

    private void awaitExit(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("connector process " + pid() + " did not exit within " + bound.toMillis()
                        + " ms; log:\n" + logText());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the connector process to exit", e);
        }
    }

    /** Everything the process has logged so far. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET on the management port; the body, or null while the server is not answering yet. */
    public String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted calling the connector", e);
        }
    }

    /** A POST on the management port, answered later (a replay answers when it is done). */
    java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Makes sure nothing is left running after a test, whatever happened in it. */
    public void destroyIfAlive() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }
}

package org.wfmagentsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, 2.42 here) in a process of its own,
 * with its data in a temporary folder and its HTTP API on a loopback port, and the {@code promtool}
 * beside it. Tests ask it what a dashboard or an alert rule would see, through the same HTTP API
 * Grafana and Alertmanager use.
 */
final class PrometheusProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
    }

    /** The executable of this name on the PATH (or in /usr/bin), if it is installed. */
    static Optional<Path> executable(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/bin");
        return dirs.stream().filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).findFirst();
    }

    /** Starts {@code prometheus} on {@code config}, storing in {@code dir}; returns once it answers ready. */
    static PrometheusProcess start(Path binary, Path config, Path dir, int port) {
        Path log = dir.resolve("prometheus.log");
        List<String> command = List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                // the Debian package's defaults point at /usr/share/prometheus; nothing here needs them
                "--web.console.templates=" + dir, "--web.console.libraries=" + dir, "--log.level=warn");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            PrometheusProcess prometheus = new PrometheusProcess(process, log, port);
            Bounded.await(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("prometheus exited at start:\n" + prometheus.logText());
                }
                return prometheus.getStatus("/-/ready") == 200;
            }, Duration.ofSeconds(30), "prometheus to be ready");
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** An instant query at the server's now: the {@code data.result} array (a vector). */
    JsonNode query(String promql) {
        JsonNode answer = getJson("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new AssertionError("prometheus refused the query " + promql + ": " + answer);
        }
        return answer.path("data").path("result");
    }

    /** The single value of an instant query with one result, or NaN when it has none. */
    double value(String promql) {
        JsonNode result = query(promql);
        return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** The alerts pending or firing now ({@code /api/v1/alerts}). */
    JsonNode alerts() {
        return getJson("/api/v1/alerts").path("data").path("alerts");
    }

    /** Whether the alert of this name is in this state ({@code pending} or {@code firing}). */
    boolean alertIs(String name, String state) {
        for (JsonNode alert : alerts()) {
            if (alert.path("labels").path("alertname").asText().equals(name) && alert.path("state").asText().equals(state)) {
                return true;
            }
        }
        return false;
    }

    /** The alerting rules as loaded, with their health and last evaluation ({@code /api/v1/rules}). */
    List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        getJson("/api/v1/rules?type=alert").path("data").path("groups")
                .forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted asking prometheus", e);
        }
    }

    private int getStatus(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted asking prometheus", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a {@code promtool} command printed and its exit code. */
    record Outcome(int exitCode, String output) {
    }

    /** Runs {@code promtool} with these arguments in {@code workDir}, {@code stdin} as its input (null: none). */
    static Outcome promtool(Path binary, Path workDir, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("promtool-", ".out");
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool " + String.join(" ", args) + " did not end within 60 s");
            }
            String text = Files.readString(output);
            Files.delete(output);
            return new Outcome(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running promtool", e);
        }
    }

    /** The lines of a scrape that belong to the families whose names start with one of {@code prefixes}, comments included. */
    static String families(String scrape, String... prefixes) {
        StringBuilder kept = new StringBuilder();
        try (Stream<String> lines = scrape.lines()) {
            lines.filter(line -> {
                String name = line.startsWith("# HELP ") || line.startsWith("# TYPE ") ? line.substring(7) : line;
                return Stream.of(prefixes).anyMatch(name::startsWith);
            }).forEach(line -> kept.append(line).append('\n'));
        }
        return kept.toString();
    }
}

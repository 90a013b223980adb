package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.wfmagentsync.sandbox.LegacySimulator;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * The Grafana dashboard ({@code ops/grafana/}) and the alert rules ({@code ops/prometheus/}) on a
 * real Prometheus: the connector runs in a JVM of its own against the sandbox, on a two-second cron,
 * and Debian's {@code prometheus} scrapes its {@code /observe/metrics} every second and evaluates the
 * rules every second. Every panel's query returns data; while the connector is healthy no alert is
 * pending or firing; then each fault the sandbox can stage (the legacy system down, the login host
 * down, endless 409s, endless 429s, the connector killed, then started with a client secret the login
 * host refuses) fires the alerts that say so, and every alert in the file is among them. {@code promtool} checks the scrape, the rules and their unit tests.
 *
 * <p>Rule files take no parameters, so Prometheus loads a copy of {@code alerts.yaml} with shorter
 * durations, and only those changed: every {@code for:} becomes {@value #TEST_FOR}, every range
 * {@code [..]} {@value #TEST_RANGE} and every {@code offset} {@value #TEST_OFFSET}. The expressions,
 * the thresholds and the schedule-relative condition of "no successful run" are the file's own.
 * {@code promtool test rules} checks the real durations.
 *
 * <p>Without {@code prometheus} and {@code promtool} installed, the test is skipped, and fails when
 * the environment variable {@code CI} is set: {@code .ci/run} installs them.
 */
class PrometheusAlertsIT {

    static final Path DASHBOARD = Path.of("ops", "grafana", "wfm-agent-sync.json");
    static final Path ALERTS = Path.of("ops", "prometheus", "alerts.yaml");
    static final Path ALERT_TESTS = Path.of("ops", "prometheus", "alerts-test.yaml");
    static final Path OPERATIONS = Path.of("docs", "operations.md");
    /** The job name alerts.yaml expects. */
    static final String JOB = "wfm-agent-sync";
    static final String TEST_FOR = "3s";
    static final String TEST_RANGE = "[20s]";
    static final String TEST_OFFSET = "offset 10s";
    /** The dashboard's variables as Grafana would fill them for this test's scrape (1 s) and time range. */
    private static final String RATE_INTERVAL = "10s";
    private static final String RANGE = "1m";
    private static final Duration FIRE_BOUND = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> started = new ArrayList<>();
    private Sandbox sandbox;
    private int managementPort;
    private int connectors;

    /** Kept when the test fails: the connector's and Prometheus' logs, the configuration, the rules copy. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void every_panel_has_data_a_healthy_connector_fires_no_alert_and_each_fault_fires_its_alerts() throws Exception {
        Path prometheusBinary = installed("prometheus");
        Path promtool = installed("promtool");
        assertPromtool(promtool, Path.of("."), null, "check", "rules", ALERTS.toString());
        assertPromtool(promtool, ALERT_TESTS.getParent(), null, "test", "rules", ALERT_TESTS.getFileName().toString());
        String alerts = Files.readString(ALERTS);
        Map<String, Map<String, Object>> rules = alertRules(alerts);
        assertEveryAlertSaysWhatToDo(rules);
        Map<String, Map<String, Object>> testRules = alertRules(shortened(alerts));

        ConnectorProcess connector = startConnector(null);
        int port = managementPort;
        Bounded.await(() -> {
            if (!connector.isAlive()) {
                throw new AssertionError("the connector exited:\n" + connector.logText());
            }
            String runs = connector.get("/api/runs?limit=1");
            return runs != null && runs.contains("SUCCEEDED");
        }, Duration.ofSeconds(60), "the connector's first run to succeed");
        assertScrapeLints(promtool, connector.get("/observe/metrics"));

        PrometheusProcess prometheus = startPrometheus(prometheusBinary, port, shortened(alerts));
        String instance = "127.0.0.1:" + port;
        // a few runs scraped, and every rule evaluated (once, at least, after the first scrape)
        Bounded.await(() -> prometheus.value("sum(wfm_runs_total{job=\"" + JOB + "\", kind=\"sync\"})") >= 3
                && prometheus.value("count_over_time(up{job=\"" + JOB + "\"}[1m])") >= 5, FIRE_BOUND,
                "three runs and five scrapes in Prometheus");
        Bounded.await(() -> prometheus.rules().size() == rules.size() && prometheus.rules().stream()
                .allMatch(rule -> "ok".equals(rule.path("health").asText())), FIRE_BOUND, "every rule evaluated");
        // runs that happened while Prometheus watched, so each rate has requests in its window
        Bounded.await(() -> prometheus.value("increase(wfm_runs_total{job=\"" + JOB + "\", kind=\"sync\","
                + " outcome=\"SUCCEEDED\"}[" + RATE_INTERVAL + "])") > 1, FIRE_BOUND, "two runs in the last "
                + RATE_INTERVAL);

        assertEveryPanelHasData(prometheus, instance);
        assertNoAlertSoFar(prometheus, testRules);

        Set<String> fired = new TreeSet<>();
        // the legacy system down: every run fails before it sends anything
        sandbox.legacy().setFault(LegacySimulator.Fault.DOWN);
        fired.addAll(awaitFiring(prometheus, "WfmAgentSyncRunsFailing", "WfmAgentSyncNoSuccessfulRun"));
        sandbox.legacy().setFault(LegacySimulator.Fault.NONE);
        awaitResolved(prometheus, "WfmAgentSyncRunsFailing", "WfmAgentSyncNoSuccessfulRun");

        // the login host down, and the token the connector holds revoked: it must log in again, and cannot
        sandbox.genesys().setTokenEndpointDown(true);
        sandbox.genesys().revokeAllTokens();
        fired.addAll(awaitFiring(prometheus, "WfmAgentSyncLoginFailing"));
        sandbox.genesys().setTokenEndpointDown(false);
        awaitResolved(prometheus, "WfmAgentSyncLoginFailing");

        // a conflict storm that does not end: every request answered 409 SCHEDULE_CONFLICT
        sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 409, "SCHEDULE_CONFLICT", Map.of());
        fired.addAll(awaitFiring(prometheus, "WfmAgentSyncRetryBudgetExhausted", "WfmAgentSyncDeadLettersGrowing",
                "WfmAgentSyncDeadLettersDegraded"));

        // a storm of 429s, each with a Retry-After of one second
        sandbox.genesys().clearForcedResponses();
        sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 429, "too.many.requests.retry.after",
                Map.of("Retry-After", "1"));
        fired.addAll(awaitFiring(prometheus, "WfmAgentSyncRateLimited"));

        // the connector gone
        connector.kill();
        fired.addAll(awaitFiring(prometheus, "WfmAgentSyncDown"));

        // started again, on the same port and state database, with a client secret the login host refuses
        sandbox.genesys().clearForcedResponses();
        ConnectorProcess refused = startConnector("not-the-sandbox-secret");
        awaitResolved(prometheus, "WfmAgentSyncDown");
        fired.addAll(awaitFiring(prometheus, "WfmAgentSyncLoginFailing"));
        assertTrue(prometheus.value("sum(wfm_token_requests_total{job=\"" + JOB + "\", outcome=\"REFUSED\"})") > 0,
                "the login host refused the client: " + refused.logText());

        assertEquals(rules.keySet(), fired, "every alert in " + ALERTS + " is provoked by a fault here");
    }

    private Path installed(String name) {
        Optional<Path> binary = PrometheusProcess.executable(name);
        if (binary.isEmpty()) {
            String why = name + " is not installed: this test needs Debian's prometheus package (apt-get install -y"
                    + " prometheus, which brings promtool); .ci/run installs it";
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
                throw new AssertionError(why + " (CI is set, so it is not skipped)");
            }
            Assumptions.abort(why);
        }
        return binary.get();
    }

    private static void assertPromtool(Path promtool, Path workDir, String stdin, String... args) {
        PrometheusProcess.Outcome outcome = PrometheusProcess.promtool(promtool, workDir, stdin, args);
        assertEquals(0, outcome.exitCode(), "promtool " + String.join(" ", args) + ":\n" + outcome.output());
    }

    /**
     * {@code promtool check metrics} passes on the connector's own families ({@code wfm_*}, and the
     * {@code process_*} ones an alert reads); on the whole scrape its only findings are about the
     * families Camel 4.14 itself exports ({@code camel_*} with camelCase labels such as {@code routeId},
     * {@code app_info}), which the connector does not name.
     */
    private void assertScrapeLints(Path promtool, String scrape) {
        assertTrue(scrape != null && scrape.contains("wfm_login_failing"), "a scrape: " + scrape);
        assertPromtool(promtool, dir, PrometheusProcess.families(scrape, "wfm_", "process_"), "check", "metrics");
        PrometheusProcess.Outcome whole = PrometheusProcess.promtool(promtool, dir, scrape, "check", "metrics");
        List<String> ours = whole.output().lines().filter(line -> !line.isBlank())
                .filter(line -> !line.startsWith("camel_") && !line.startsWith("app_info ")).toList();
        assertEquals(List.of(), ours, "promtool's findings on the whole scrape are Camel's alone:\n" + whole.output());
    }

    /** alerts.yaml's alerting rules by name, each as the YAML map it is. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> alertRules(String yaml) {
        Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules.put((String) rule.get("alert"), rule);
            }
        }
        assertTrue(rules.size() >= 8, "the alerts of issue 16: " + rules.keySet());
        return rules;
    }

    /** Each alert has a summary, a description and a runbook link to a section of docs/operations.md that exists. */
    @SuppressWarnings("unchecked")
    private static void assertEveryAlertSaysWhatToDo(Map<String, Map<String, Object>> rules) throws IOException {
        Set<String> anchors = new TreeSet<>();
        for (String line : Files.readAllLines(OPERATIONS)) {
            if (line.startsWith("#")) {
                anchors.add(anchor(line.replaceFirst("^#+\\s*", "")));
            }
        }
        rules.forEach((name, rule) -> {
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            for (String key : List.of("summary", "description", "runbook_url")) {
                assertTrue(annotations != null && annotations.get(key) instanceof String text && !text.isBlank(),
                        name + " has a " + key + ": " + annotations);
            }
            String runbook = (String) annotations.get("runbook_url");
            assertTrue(runbook.startsWith(OPERATIONS.toString().replace('\\', '/') + "#")
                    && anchors.contains(runbook.substring(runbook.indexOf('#') + 1)),
                    name + "'s runbook_url " + runbook + " is a heading of " + OPERATIONS);
            assertTrue(rule.get("labels") instanceof Map<?, ?> labels && labels.get("severity") != null,
                    name + " has a severity");
        });
    }

    /** How GitHub names a heading's anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /**
     * The connector in a JVM of its own against the sandbox (started with the first connector), on the
     * first connector's management port; {@code secret} null: the sandbox's own client secret.
     */
    private ConnectorProcess startConnector(String secret) {
        if (sandbox == null) {
            sandbox = Sandbox.start(SandboxSettings.builder().seed(16).legacyAgents(200).legacyChangeShare(0.1)
                    .windowMode(WindowMode.OFF).noLatency().rateLimitPerMinute(100_000).build());
            try {
                sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            managementPort = ConnectorHarness.freePort();
        }
        Map<String, String> p = new TreeMap<>(ConnectorHarness.targetSettings(sandbox, dir));
        p.put("camel.management.port", Integer.toString(managementPort));
        p.put("wfm.schedule.enabled", "true");
        p.put("wfm.schedule.cron", "0/2 * * * * ?");
        p.put("wfm.schedule.run-at-startup", "true");
        p.put("wfm.schedule.startup-delay-ms", "0");
        p.put("wfm.retry.initial-delay-ms", "5");
        p.put("wfm.retry.max-delay-ms", "50");
        p.put("wfm.retry.max-redeliveries", "3");
        // a small budget, which a storm empties in one run, and a low degraded threshold
        p.put("wfm.retry.budget.capacity", "10");
        p.put("wfm.retry.budget.retry-cost", "5");
        p.put("wfm.deadletter.degraded-threshold", "5");
        ConnectorProcess connector = ConnectorProcess.start(p, Map.of("GENESYS_CLIENT_SECRET",
                secret == null ? sandbox.settings().clientSecret() : secret),
                dir.resolve("connector-" + (++connectors) + ".log"));
        started.add(connector::destroyIfAlive);
        return connector;
    }

    private PrometheusProcess startPrometheus(Path binary, int managementPort, String alerts) throws IOException {
        Path rules = dir.resolve("alerts-test-copy.yaml");
        Files.writeString(rules, alerts);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + rules.toAbsolutePath(),
                "scrape_configs:",
                "  - job_name: " + JOB,
                "    metrics_path: /observe/metrics",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + managementPort + "']",
                ""));
        PrometheusProcess prometheus = PrometheusProcess.start(binary, config.toAbsolutePath(), dir,
                ConnectorHarness.freePort());
        started.add(prometheus);
        return prometheus;
    }

    /** alerts.yaml with the test's durations: every for:, range and offset, nothing else. */
    static String shortened(String rules) {
        String shortened = rules.replaceAll("(?m)^(\\s+for:)\\s*\\S+", "$1 " + TEST_FOR)
                .replaceAll("\\[\\d+[smhdwy]]", Matcher.quoteReplacement(TEST_RANGE))
                .replaceAll("offset \\d+[smhdwy]", TEST_OFFSET);
        assertTrue(!shortened.equals(rules), "durations were shortened");
        return shortened;
    }

    /**
     * Every query of every panel, with the dashboard's variables filled in, returns at least one number;
     * and the dashboard is one Grafana imports as it is: it asks for a Prometheus data source on import
     * ({@code DS_PROMETHEUS}) and every panel reads the data-source variable.
     */
    private void assertEveryPanelHasData(PrometheusProcess prometheus, String instance) throws IOException {
        JsonNode dashboard = json.readTree(DASHBOARD.toFile());
        assertEquals("DS_PROMETHEUS", dashboard.path("__inputs").path(0).path("name").asText(), "the import's input");
        assertEquals("prometheus", dashboard.path("__inputs").path(0).path("pluginId").asText());
        assertTrue(dashboard.path("id").isNull() && !dashboard.path("uid").asText().isBlank(), "a uid, and no id");
        JsonNode datasource = dashboard.path("templating").path("list").path(0);
        assertEquals("datasource", datasource.path("type").asText(), "the first variable picks the data source");
        assertEquals("prometheus", datasource.path("query").asText());
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : panels(dashboard)) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + panel.path("title"));
            if (!panel.path("type").asText().equals("row")) {
                assertEquals("${" + datasource.path("name").asText() + "}", panel.path("datasource").path("uid").asText(),
                        panel.path("title") + " reads the data-source variable");
            }
        }
        List<String> empty = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText()
                        .replace("$__rate_interval", RATE_INTERVAL).replace("$__range", RANGE)
                        .replace("$__interval", "2s").replace("$job", JOB)
                        .replace("$instance", instance);
                assertTrue(!expr.contains("$"), "every variable of " + panel.path("title") + " is filled: " + expr);
                queries++;
                JsonNode result = prometheus.query(expr);
                boolean number = false;
                for (JsonNode sample : result) {
                    number |= !sample.path("value").get(1).asText().equals("NaN");
                }
                if (!number) {
                    empty.add(panel.path("title").asText() + ": " + expr + " -> " + result);
                }
            }
        }
        assertTrue(queries >= 20, "the dashboard's queries: " + queries);
        assertEquals(List.of(), empty, "panel queries without data");
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /**
     * No alert has been pending or firing at any evaluation since Prometheus started (the {@code ALERTS}
     * series it keeps of them is empty), and no alert expression has a result now.
     */
    private static void assertNoAlertSoFar(PrometheusProcess prometheus, Map<String, Map<String, Object>> rules) {
        assertEquals("[]", prometheus.query("count_over_time(ALERTS[5m])").toString(),
                "no alert pending or firing at any evaluation while the connector was healthy");
        rules.forEach((name, rule) -> assertEquals("[]", prometheus.query((String) rule.get("expr")).toString(),
                name + "'s expression has no result while the connector is healthy"));
    }

    private Set<String> awaitFiring(PrometheusProcess prometheus, String... names) {
        for (String name : names) {
            awaitAlert(prometheus, () -> prometheus.alertIs(name, "firing"), name + " firing");
        }
        return Set.of(names);
    }

    private void awaitResolved(PrometheusProcess prometheus, String... names) {
        for (String name : names) {
            awaitAlert(prometheus, () -> !prometheus.alertIs(name, "firing") && !prometheus.alertIs(name, "pending"),
                    name + " resolved once the fault is gone");
        }
    }

    /** A bounded wait that, when it times out, says which alerts were pending or firing then. */
    private void awaitAlert(PrometheusProcess prometheus, java.util.function.BooleanSupplier condition, String what) {
        try {
            Bounded.await(condition, FIRE_BOUND, what);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; alerts now: " + prometheus.alerts() + "; logs in " + dir,
                    timedOut);
        }
    }
}

package org.wfmagentsync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.WindowMode;
import org.wfmagentsync.store.RunSummaryStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservabilityTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void metrics_and_health_are_served_on_the_management_port() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(250)
                .windowMode(WindowMode.ON).windowConcurrentLimit(1).perEventConflictShare(0).latencyMedianMs(10),
                Map.of("wfm.push.max-concurrent", "3"))) {
            harness.runOnce();
            String base = "http://127.0.0.1:" + harness.property("camel.management.port");

            String metrics = get(base + "/observe/metrics").body();

            assertTrue(metrics.contains("wfm_events_delivered_total{event_kind=\"PRESENCE\"} 250.0"), metrics);
            assertTrue(metrics.contains("wfm_http_responses_total{event_kind=\"PRESENCE\",status=\"200\"} 3.0"), metrics);
            assertTrue(metrics.contains("wfm_http_responses_total{event_kind=\"PRESENCE\",status=\"409\"}"), "409s are counted");
            assertTrue(metrics.contains("wfm_retries_total{cause=\"409\",event_kind=\"PRESENCE\"}"), "retries by cause");
            // issue 13: what is about events is labelled with their kind (event_kind); issue 12: run metrics by kind
            // of run (sync or replay)
            assertTrue(metrics.contains("wfm_run_duration_seconds_count{kind=\"sync\"} 1"), "one run timed");
            assertTrue(metrics.contains("wfm_requests_in_flight{event_kind=\"PRESENCE\"} 0.0"), "nothing left in flight");
            assertTrue(metrics.contains("wfm_dead_letters_open{event_kind=\"PRESENCE\",reason=\"CONFLICT_EXHAUSTED\"} 0.0"), metrics);
            HttpResponse<String> health = get(base + "/observe/health");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("UP"), health.body());
        }
    }

    @Test
    void every_metric_the_operations_guide_lists_is_scraped_from_a_fresh_connector_and_no_other() throws Exception {
        Map<String, Set<String>> documented = documentedMetrics();
        assertTrue(documented.containsKey("wfm_retry_budget_refused_total") && documented.size() >= 15,
                "the table in docs/operations.md: " + documented);
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5), Map.of())) {
            List<String> samples = samples(get(base(harness) + "/observe/metrics").body());

            List<String> missing = new ArrayList<>();
            documented.forEach((name, labels) -> {
                boolean found = samples.stream().anyMatch(sample -> family(sample, documented).equals(name)
                        && labelNames(sample).equals(labels));
                if (!found) {
                    missing.add(name + labels);
                }
            });
            Set<String> undocumented = new TreeSet<>();
            samples.stream().filter(sample -> sample.startsWith("wfm_"))
                    .filter(sample -> !documented.containsKey(family(sample, documented)))
                    .forEach(sample -> undocumented.add(sample.replaceAll("[{ ].*", "")));

            assertTrue(missing.isEmpty(), "documented, not in a fresh scrape (name{labels}): " + missing + "\n"
                    + String.join("\n", samples));
            assertTrue(undocumented.isEmpty(), "scraped, not in docs/operations.md: " + undocumented);
            assertTrue(samples.contains("wfm_retry_budget_refused_total{event_kind=\"PRESENCE\"} 0.0"), String.join("\n", samples));
            assertTrue(samples.contains("wfm_runs_total{kind=\"replay\",outcome=\"SUCCEEDED\"} 0.0"),
                    String.join("\n", samples));
        }
    }

    @Test
    void runs_are_counted_and_timed_by_kind_so_a_replay_is_not_a_sync_run() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of())) {
            harness.sandbox.genesys().failNextRequests(1, 400, "bad.request", Map.of());
            RunSummary sync = harness.runOnce();
            assertEquals(RunSummary.Outcome.PARTIAL, sync.outcome());
            long id = harness.openDeadLetters().get(0).id();
            HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(base(harness)
                    + "/api/dead-letters/" + id + "/replay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, replay.statusCode(), replay.body());

            List<String> samples = samples(get(base(harness) + "/observe/metrics").body());

            for (String expected : List.of("wfm_runs_total{kind=\"sync\",outcome=\"PARTIAL\"} 1.0",
                    "wfm_runs_total{kind=\"sync\",outcome=\"SUCCEEDED\"} 0.0",
                    "wfm_runs_total{kind=\"replay\",outcome=\"SUCCEEDED\"} 1.0",
                    "wfm_run_duration_seconds_count{kind=\"sync\"} 1", "wfm_run_duration_seconds_count{kind=\"replay\"} 1",
                    "wfm_run_last_delivered{kind=\"sync\"} 0.0", "wfm_run_last_delivered{kind=\"replay\"} 1.0",
                    "wfm_run_last_dead_lettered{kind=\"sync\"} " + (double) sync.deadLettered(),
                    "wfm_run_last_dead_lettered{kind=\"replay\"} 0.0")) {
                assertTrue(samples.contains(expected), expected + " in\n" + String.join("\n", samples));
            }
        }
    }

    /** The metrics table of docs/operations.md: each name with the label names it documents. */
    private static Map<String, Set<String>> documentedMetrics() throws Exception {
        String guide = Files.readString(Path.of("docs/operations.md"));
        String section = guide.substring(guide.indexOf("## Health and metrics"));
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        Matcher name = Pattern.compile("`(wfm_[a-z_]+)(?:\\{([a-z_,]+)})?`").matcher("");
        for (String row : section.split("\n")) {
            if (!row.startsWith("| `wfm_")) {
                continue;
            }
            name.reset(row.split("\\|")[1]);
            while (name.find()) {
                metrics.put(name.group(1), name.group(2) == null ? Set.of() : Set.of(name.group(2).split(",")));
            }
        }
        return metrics;
    }

    /** The sample lines of a Prometheus scrape (no comments). */
    private static List<String> samples(String scrape) {
        return scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }

    /** The documented name a sample belongs to: a timer's _count, _sum and _max are its own. */
    private static String family(String sample, Map<String, Set<String>> documented) {
        String name = sample.replaceAll("[{ ].*", "");
        String base = name.replaceAll("_(count|sum|max)$", "");
        return documented.containsKey(name) || !documented.containsKey(base) ? name : base;
    }

    private static Set<String> labelNames(String sample) {
        Set<String> names = new TreeSet<>();
        int open = sample.indexOf('{');
        if (open >= 0 && open < sample.indexOf(' ')) {
            Matcher label = Pattern.compile("([a-z_]+)=\"").matcher(sample.substring(open, sample.indexOf('}')));
            while (label.find()) {
                names.add(label.group(1));
            }
        }
        return names;
    }

    private static String base(ConnectorHarness harness) {
        return "http://127.0.0.1:" + harness.property("camel.management.port");
    }

    @Test
    void run_summaries_are_kept_newest_first() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10), Map.of())) {
            var first = harness.runOnce();
            harness.sandbox.legacy().changeAgents(2);
            var second = harness.runOnce();

            var kept = harness.context().getRegistry()
                    .lookupByNameAndType("runSummaryStore", org.wfmagentsync.store.RunSummaryStore.class).latest(10);

            assertEquals(2, kept.size());
            assertEquals(second, kept.get(0));
            assertEquals(first, kept.get(1));
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

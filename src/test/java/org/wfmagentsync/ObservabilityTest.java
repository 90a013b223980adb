package org.wfmagentsync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

            assertTrue(metrics.contains("wfm_events_delivered_total 250.0"), metrics);
            assertTrue(metrics.contains("wfm_http_responses_total{status=\"200\"} 3.0"), metrics);
            assertTrue(metrics.contains("wfm_http_responses_total{status=\"409\"}"), "409s are counted");
            assertTrue(metrics.contains("wfm_retries_total{cause=\"409\"}"), "retries by cause");
            assertTrue(metrics.contains("wfm_run_duration_seconds_count 1"), "one run timed");
            assertTrue(metrics.contains("wfm_requests_in_flight 0.0"), "nothing left in flight");
            assertTrue(metrics.contains("wfm_dead_letters_open{reason=\"CONFLICT_EXHAUSTED\"} 0.0"), metrics);
            HttpResponse<String> health = get(base + "/observe/health");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("UP"), health.body());
        }
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

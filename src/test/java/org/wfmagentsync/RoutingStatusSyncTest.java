package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.cli.OperatorCli;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.AgentTruth;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.PresenceDefinitions;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.SandboxUsers;

/**
 * With the shipped states.csv, a state becomes a presence and a routing status: a run delivers both
 * for every mappable agent, each kind in requests of its own, and Genesys Cloud's presence and routing
 * status both equal the legacy truth. The run summary, the API, the {@code runs} table and the
 * metrics say which kind each figure is.
 */
class RoutingStatusSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a_full_run_delivers_presence_and_routing_status_for_every_agent_and_both_equal_the_legacy_truth() {
        try (ConnectorHarness harness = ConnectorHarness.start(s -> { }, ConnectorHarness.BOTH_KINDS)) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(250, run.fetched());
            for (EventKind kind : EventKind.values()) {
                RunSummary.KindFigures figures = run.of(kind);
                assertEquals(250, figures.changed(), kind + ": " + run.toLogLine());
                assertEquals(250, figures.sent(), kind.name());
                assertEquals(250, figures.delivered(), kind.name());
                assertEquals(3, figures.requests(), kind + ": 250 events in requests of at most 100");
            }
            assertEquals(500, run.delivered());
            assertEquals(6, run.requests());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(harness.expectedRoutingStatusByUser(), harness.actualRoutingStatusByUser());
            GenesysCounters counters = harness.sandbox.genesys().counters();
            assertEquals(0, counters.duplicateEvents() + counters.routingStatus().duplicateEvents());
            assertEquals(0, counters.perEventRejections() + counters.routingStatus().perEventRejections());
            List<RequestLogEntry> log = harness.sandbox.genesys().requestLog();
            assertEquals(3, log.stream().filter(request -> request.kind().equals(RequestLogEntry.PRESENCE)).count());
            assertEquals(3, log.stream().filter(request -> request.kind().equals(RequestLogEntry.ROUTING_STATUS)).count());
            assertTrue(log.stream().allMatch(request -> request.status() == 200 && request.eventCount() >= 1
                    && request.eventCount() <= 100), log.toString());
            assertTrue(harness.openDeadLetters().isEmpty());
        }
    }

    @Test
    void the_next_run_sends_each_kind_only_where_it_changed() {
        try (ConnectorHarness harness = ConnectorHarness.start(s -> { }, ConnectorHarness.BOTH_KINDS)) {
            harness.runOnce();
            Map<String, String> routingBefore = harness.expectedRoutingStatusByUser();
            List<String> changed = harness.sandbox.legacy().changeAgents(40);
            Map<String, String> routingAfter = harness.expectedRoutingStatusByUser();
            long routingChanged = changed.stream().map(SandboxUsers::userIdOf)
                    .filter(user -> !routingBefore.get(user).equals(routingAfter.get(user))).count();

            RunSummary second = harness.runOnce();

            // every change of state is a new presence (the state sets the message too); a call followed by its
            // after-call work, or a break followed by logging out, leaves the routing status as it was
            assertEquals(40, second.of(EventKind.PRESENCE).changed(), second.toLogLine());
            assertEquals(routingChanged, second.of(EventKind.ROUTING_STATUS).changed(), second.toLogLine());
            assertTrue(routingChanged < 40, "some changes keep the routing status: " + routingChanged);
            assertEquals(40 + routingChanged, second.delivered());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(routingAfter, harness.actualRoutingStatusByUser());

            RunSummary third = harness.runOnce();
            assertEquals(0, third.changed(), "nothing changed, nothing is sent: " + third.toLogLine());
            assertEquals(0, third.requests());
        }
    }

    @Test
    void a_state_may_map_to_a_presence_only_or_to_a_routing_status_only() throws IOException {
        Path states = Files.createTempFile("states-", ".csv");
        Files.write(states, List.of("legacyState,reason,presenceDefinitionId,routingStatus,message",
                "READY,,,Idle,",
                "ON_CALL,," + PresenceDefinitions.BUSY + ",Interacting,On a call",
                "AFTER_CALL_WORK,," + PresenceDefinitions.BUSY + ",,After-call work",
                "NOT_READY,," + PresenceDefinitions.AWAY + ",OffQueue,",
                "LOGGED_OUT,," + PresenceDefinitions.OFFLINE + ",OffQueue,"));
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(4),
                Map.of("wfm.mapping.states-file", states.toString()))) {
            harness.sandbox.legacy().setState("A0001", AgentState.READY, null);
            harness.sandbox.legacy().setState("A0002", AgentState.ON_CALL, null);
            harness.sandbox.legacy().setState("A0003", AgentState.AFTER_CALL_WORK, null);
            harness.sandbox.legacy().setState("A0004", AgentState.NOT_READY, "BREAK");

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(3, run.of(EventKind.PRESENCE).delivered());
            assertEquals(3, run.of(EventKind.ROUTING_STATUS).delivered());
            assertEquals(Map.of(user("A0002"), PresenceDefinitions.BUSY, user("A0003"), PresenceDefinitions.BUSY,
                    user("A0004"), PresenceDefinitions.AWAY), harness.actualPresenceByUser(), "READY sets no presence");
            assertEquals(Map.of(user("A0001"), "Idle", user("A0002"), "Interacting", user("A0004"), "OffQueue"),
                    harness.actualRoutingStatusByUser(), "AFTER_CALL_WORK sets no routing status");
            assertTrue(harness.openDeadLetters().isEmpty(), "nothing is unmapped");
        }
    }

    @Test
    void the_summary_the_api_the_runs_table_and_the_metrics_say_which_kind_each_figure_is() throws Exception {
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(30),
                        ConnectorHarness.BOTH_KINDS)) {
            RunSummary run = harness.runOnce();

            assertTrue(log.anyLineContains("sync run " + run.runId() + " SUCCEEDED", "delivered=60",
                    " PRESENCE[changed=30 sent=30 requests=1 409s=0 429s=0 retries=0 delivered=30 deadLettered=0]"
                            + " ROUTING_STATUS[changed=30 sent=30 requests=1 409s=0 429s=0 retries=0 delivered=30"
                            + " deadLettered=0]"), log.lines().toString());

            JsonNode kept = JSON.readTree(get(harness, "/api/runs").body()).path("items").get(0);
            assertEquals(run.runId(), kept.path("runId").asText());
            assertEquals(60, kept.path("delivered").asInt());
            assertEquals(30, kept.path("byKind").path("PRESENCE").path("delivered").asInt(), kept.toString());
            assertEquals(30, kept.path("byKind").path("ROUTING_STATUS").path("delivered").asInt(), kept.toString());
            assertEquals(1, kept.path("byKind").path("ROUTING_STATUS").path("requests").asInt(), kept.toString());

            List<String> table = cli(harness, "runs");
            List<String> headers = List.of(table.get(0).split("\\s+"));
            int delivered = headers.indexOf("DELIVERED");
            int at = table.indexOf(table.stream().filter(line -> line.startsWith(run.runId())).findFirst().orElseThrow());
            assertEquals("60", table.get(at).split("\\s+")[delivered], String.join("\n", table));
            // under the run, a line per kind: its name in the RUN column, its figures in theirs
            assertEquals(List.of("PRESENCE", "ROUTING_STATUS"), List.of(table.get(at + 1).trim().split("\\s+")[0],
                    table.get(at + 2).trim().split("\\s+")[0]), String.join("\n", table));
            assertTrue(table.get(at + 1).startsWith(" "), "indented under its run");
            for (int line : List.of(at + 1, at + 2)) {
                assertEquals("30", cellUnder(table.get(0), table.get(line), "DELIVERED"), String.join("\n", table));
                assertEquals("30", cellUnder(table.get(0), table.get(line), "CHANGED"), String.join("\n", table));
                assertEquals("0", cellUnder(table.get(0), table.get(line), "DEAD-LETTERED"), String.join("\n", table));
            }

            String metrics = get(harness, "/observe/metrics").body();
            assertTrue(metrics.contains("wfm_events_delivered_total{event_kind=\"PRESENCE\"} 30.0"), metrics);
            assertTrue(metrics.contains("wfm_events_delivered_total{event_kind=\"ROUTING_STATUS\"} 30.0"), metrics);
            assertTrue(metrics.contains("wfm_http_responses_total{event_kind=\"ROUTING_STATUS\",status=\"200\"} 1.0"),
                    metrics);
            assertTrue(metrics.contains("wfm_run_last_delivered{kind=\"sync\"} 60.0"), "the run's total: " + metrics);
        }
    }

    @Test
    void an_agent_that_changed_state_is_sent_in_both_kinds_at_the_time_it_changed() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3),
                ConnectorHarness.BOTH_KINDS)) {
            harness.sandbox.legacy().setState("A0002", AgentState.ON_CALL, null);
            AgentTruth truth = harness.sandbox.legacy().truth().get("A0002");

            harness.runOnce();

            String user = user("A0002");
            assertEquals(truth.changedAt(), harness.sandbox.genesys().presenceOf(user).orElseThrow().eventDateTime());
            assertEquals(truth.changedAt(), harness.sandbox.genesys().routingStatusOf(user).orElseThrow().eventDateTime());
            assertFalse(harness.sandbox.genesys().presenceOf(user).orElseThrow().eventId()
                    .equals(harness.sandbox.genesys().routingStatusOf(user).orElseThrow().eventId()),
                    "each kind has its own event id for the same change");
        }
    }

    /** The cell of a table line in the column the header names (the table aligns its columns). */
    private static String cellUnder(String header, String line, String column) {
        int start = header.indexOf(column);
        return line.length() <= start ? "" : line.substring(start).split("\\s+", 2)[0];
    }

    private static String user(String agent) {
        return SandboxUsers.userIdOf(agent);
    }

    private List<String> cli(ConnectorHarness harness, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = base(harness);
        int exit = OperatorCli.execute(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertEquals(OperatorCli.OK, exit);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private HttpResponse<String> get(ConnectorHarness harness, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base(harness) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static String base(ConnectorHarness harness) {
        return "http://127.0.0.1:" + harness.property("camel.management.port");
    }
}

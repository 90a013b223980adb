package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.cli.OperatorCli;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.SandboxUsers;

/** What operations staff do with dead letters, over the real REST API and the real command line. */
class DeadLetterOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** 30 agents; every request refused with a capacity conflict that never clears, until the test says so. */
    private static ConnectorHarness conflicted(Map<String, String> properties) {
        java.util.Map<String, String> all = new java.util.HashMap<>(Map.of("wfm.retry.max-redeliveries", "1"));
        all.putAll(properties);
        ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(30), all);
        harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 409, "SCHEDULE_CONFLICT", Map.of());
        harness.runOnce();
        harness.sandbox.genesys().clearForcedResponses();
        return harness;
    }

    @Test
    void list_filters_pages_and_counts_newest_first() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            JsonNode all = get(harness, "/api/dead-letters?limit=10");
            assertEquals(30, all.path("total").asInt());
            assertEquals(10, all.path("items").size());
            assertTrue(all.path("items").get(0).path("id").asLong() > all.path("items").get(1).path("id").asLong());
            JsonNode secondPage = get(harness, "/api/dead-letters?limit=10&offset=25");
            assertEquals(5, secondPage.path("items").size());

            JsonNode one = get(harness, "/api/dead-letters?agentId=A0007&reason=CONFLICT_EXHAUSTED&httpStatus=409");
            assertEquals(1, one.path("total").asInt());
            assertEquals("A0007", one.path("items").get(0).path("agentId").asText());
            assertEquals(0, get(harness, "/api/dead-letters?reason=UNMAPPED").path("total").asInt());
            assertEquals(0, get(harness, "/api/dead-letters?until=2000-01-01T00:00:00Z").path("total").asInt());
            assertEquals(30, get(harness, "/api/dead-letters?since=2000-01-01T00:00:00Z").path("total").asInt());
        }
    }

    @Test
    void show_gives_the_full_context_with_every_attempt() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            long id = harness.openDeadLetters().get(0).id();

            JsonNode entry = get(harness, "/api/dead-letters/" + id);

            assertEquals("CONFLICT_EXHAUSTED", entry.path("reason").asText());
            assertEquals(2, entry.path("attemptHistory").size(), "the attempt and the one redelivery");
            assertEquals(409, entry.path("attemptHistory").get(1).path("httpStatus").asInt());
            assertTrue(entry.path("attemptHistory").get(0).path("outcome").asText().contains("SCHEDULE_CONFLICT"));
            assertEquals(entry.path("userId").asText(), entry.path("event").path("userId").asText());
            assertFalse(entry.path("runId").asText().isEmpty());
        }
    }

    @Test
    void replay_after_the_cause_clears_delivers_and_marks_the_entries_replayed() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            // a normal run does not send them again by itself (re-drive is off)
            RunSummary meanwhile = harness.runOnce();
            assertEquals(0, meanwhile.changed(), meanwhile.toLogLine());

            JsonNode result = post(harness, "/api/dead-letters/replay?reason=CONFLICT_EXHAUSTED");

            assertEquals(30, result.path("requested").asInt());
            assertEquals(30, result.path("replayed").size());
            for (JsonNode entry : result.path("replayed")) {
                assertEquals("REPLAYED", entry.path("outcome").asText());
            }
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertTrue(harness.openDeadLetters().isEmpty());
            assertEquals(DeadLetterStatus.REPLAYED, harness.deadLetterStore().listAll(1).get(0).status());
            // and the delivered baseline knows: the next run sends nothing
            assertEquals(0, harness.runOnce().changed());
        }
    }

    @Test
    void a_superseded_entry_is_not_sent_on_replay() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            DeadLetter old = harness.openDeadLetters().stream().filter(entry -> "A0005".equals(entry.agentId()))
                    .findFirst().orElseThrow();
            AgentState current = harness.sandbox.legacy().truth().get("A0005").state();
            harness.sandbox.legacy().setState("A0005", current == AgentState.READY ? AgentState.ON_CALL : AgentState.READY,
                    null);
            harness.runOnce(); // delivers A0005's newer state
            long requestsBefore = harness.sandbox.genesys().counters().requests();

            JsonNode result = post(harness, "/api/dead-letters/" + old.id() + "/replay");

            assertEquals(0, result.path("replayed").size());
            assertTrue(result.path("skipped").get(0).path("why").asText().startsWith("status SUPERSEDED"),
                    result.toString());
            assertEquals(requestsBefore, harness.sandbox.genesys().counters().requests(), "nothing was sent");
            assertEquals(harness.expectedPresenceByUser().get(SandboxUsers.userIdOf("A0005")),
                    harness.actualPresenceByUser().get(SandboxUsers.userIdOf("A0005")), "the agent kept its newer state");
        }
    }

    @Test
    void replaying_the_same_entry_twice_at_once_sends_it_once() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            long id = harness.openDeadLetters().get(0).id();
            long requestsBefore = harness.sandbox.genesys().counters().requests();

            CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> postQuietly(harness, id));
            CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(() -> postQuietly(harness, id));
            List<JsonNode> results = List.of(first.get(20, TimeUnit.SECONDS), second.get(20, TimeUnit.SECONDS));

            long sent = results.stream().mapToLong(result -> result.path("replayed").size()).sum();
            long skipped = results.stream().mapToLong(result -> result.path("skipped").size()).sum();
            assertEquals(1, sent, results.toString());
            assertEquals(1, skipped, results.toString());
            assertEquals(requestsBefore + 1, harness.sandbox.genesys().counters().requests());
            assertEquals(0, harness.sandbox.genesys().counters().duplicateEvents());
        }
    }

    @Test
    void discarding_needs_a_reason_and_keeps_an_audit_record() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            long id = harness.openDeadLetters().get(0).id();

            HttpResponse<String> noReason = send(harness, "POST", "/api/dead-letters/" + id + "/discard");
            assertEquals(400, noReason.statusCode());
            assertTrue(noReason.body().contains("discarding needs a reason"), noReason.body());

            JsonNode discarded = post(harness, "/api/dead-letters/" + id + "/discard?note=agent%20left%20the%20company");
            assertEquals("DISCARDED", discarded.path("status").asText());
            assertEquals("agent left the company", discarded.path("closeNote").asText());
            assertNotNull(discarded.path("closedAt").asText(null));
            assertEquals(1, get(harness, "/api/dead-letters?status=DISCARDED").path("total").asInt());
            assertEquals(29, harness.openDeadLetters().size());

            assertEquals(409, send(harness, "POST", "/api/dead-letters/" + id + "/discard?note=again").statusCode());
            JsonNode replay = post(harness, "/api/dead-letters/" + id + "/replay");
            assertTrue(replay.path("skipped").get(0).path("why").asText().startsWith("status DISCARDED"));
        }
    }

    @Test
    void bad_filters_and_unknown_ids_get_a_clear_4xx_and_a_non_zero_exit() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            HttpResponse<String> badReason = send(harness, "GET", "/api/dead-letters?reason=LOST");
            assertEquals(400, badReason.statusCode());
            assertTrue(badReason.body().contains("reason 'LOST' is not one of"), badReason.body());
            HttpResponse<String> badDate = send(harness, "GET", "/api/dead-letters?since=yesterday");
            assertEquals(400, badDate.statusCode());
            assertTrue(badDate.body().contains("since must be an ISO-8601"), badDate.body());
            assertEquals(404, send(harness, "GET", "/api/dead-letters/987654").statusCode());
            assertEquals(400, send(harness, "GET", "/api/dead-letters/abc").statusCode());
            HttpResponse<String> everything = send(harness, "POST", "/api/dead-letters/replay");
            assertEquals(400, everything.statusCode());
            assertFalse(everything.body().contains("Exception"), everything.body());

            Cli badFilter = cli(harness, "deadletters", "list", "--reason", "LOST");
            assertEquals(OperatorCli.ERROR, badFilter.exit);
            assertTrue(badFilter.err.contains("reason 'LOST' is not one of"), badFilter.err);
            assertFalse(badFilter.err.contains("at org."), "no stack trace");
            Cli unknown = cli(harness, "deadletters", "show", "987654");
            assertEquals(OperatorCli.NOTHING_FOUND, unknown.exit);
            assertTrue(unknown.err.contains("no dead letter 987654"), unknown.err);
            Cli nothing = cli(harness, "deadletters", "list", "--reason", "UNMAPPED");
            assertEquals(OperatorCli.NOTHING_FOUND, nothing.exit);
            Cli down = cli("http://127.0.0.1:" + ConnectorHarness.freePort(), "deadletters", "list");
            assertEquals(OperatorCli.ERROR, down.exit);
            assertTrue(down.err.contains("cannot reach the connector"), down.err);
        }
    }

    @Test
    void the_command_line_and_the_rest_api_give_the_same_answers() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            long id = harness.openDeadLetters().get(3).id();

            Cli list = cli(harness, "deadletters", "list", "--reason", "CONFLICT_EXHAUSTED", "--limit", "5", "--json");
            assertEquals(OperatorCli.OK, list.exit);
            assertEquals(get(harness, "/api/dead-letters?reason=CONFLICT_EXHAUSTED&limit=5"), JSON.readTree(list.out));
            Cli show = cli(harness, "deadletters", "show", Long.toString(id), "--json");
            assertEquals(get(harness, "/api/dead-letters/" + id), JSON.readTree(show.out));

            Cli table = cli(harness, "deadletters", "list", "--agent", "A0004");
            assertEquals(OperatorCli.OK, table.exit);
            assertTrue(table.out.startsWith("ID"), table.out);
            assertTrue(table.out.contains("CONFLICT_EXHAUSTED") && table.out.contains("A0004"), table.out);
            assertTrue(table.out.contains("1-1 of 1"), table.out);

            Cli replay = cli(harness, "deadletters", "replay", Long.toString(id));
            assertEquals(OperatorCli.OK, replay.exit, replay.err);
            assertTrue(replay.out.contains("replayed 1 (delivered 1), skipped 0"), replay.out);

            Cli export = cli(harness, "deadletters", "export", "--status", "ALL");
            String[] lines = export.out.split("\n");
            assertEquals(30, lines.length);
            for (String line : lines) {
                assertTrue(JSON.readTree(line).has("eventJson"), line);
            }
            Cli runs = cli(harness, "runs", "--json");
            assertEquals(2, JSON.readTree(runs.out).path("items").size(), "the sync run and the replay run");
        }
    }

    @Test
    void show_prints_the_event_and_the_response_body_in_full() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            long id = harness.openDeadLetters().get(0).id();
            JsonNode entry = get(harness, "/api/dead-letters/" + id);
            assertTrue(entry.path("responseBody").asText().length() > 60, "long enough to have been cut: " + entry);

            Cli show = cli(harness, "deadletters", "show", Long.toString(id));

            assertEquals(OperatorCli.OK, show.exit, show.err);
            List<String> lines = List.of(show.out.split("\n"));
            assertTrue(lines.contains(String.format("%-15s %s", "event", entry.path("event"))), show.out);
            assertTrue(lines.contains(String.format("%-15s %s", "responseBody", entry.path("responseBody").asText())),
                    show.out);
            assertTrue(lines.contains(String.format("%-15s %s", "detail", entry.path("detail").asText())), show.out);
        }
    }

    @Test
    void an_export_that_matches_nothing_is_empty_and_exits_1_not_an_error() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5), Map.of())) {
            harness.runOnce();

            HttpResponse<String> rest = send(harness, "GET", "/api/dead-letters/export");
            Cli export = cli(harness, "deadletters", "export");

            assertEquals(200, rest.statusCode(), "an empty export, not 204 No Content");
            assertEquals("", rest.body());
            assertEquals("application/x-ndjson", rest.headers().firstValue("Content-Type").orElse(null));
            assertEquals(OperatorCli.NOTHING_FOUND, export.exit, export.err);
            assertEquals("", export.out, "stdout is the export file: nothing in it");
            assertEquals("no dead letters match\n", export.err);
        }
    }

    @Test
    void no_query_parameter_or_request_header_comes_back_as_a_response_header() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of())) {
            long id = harness.openDeadLetters().get(0).id();
            long other = harness.openDeadLetters().get(1).id();
            List<String[]> calls = List.of(new String[] {"GET", "/api/dead-letters?limit=1&reason=CONFLICT_EXHAUSTED"},
                    new String[] {"GET", "/api/dead-letters/export?reason=CONFLICT_EXHAUSTED&limit=1"},
                    new String[] {"GET", "/api/dead-letters/" + id + "?limit=1"},
                    new String[] {"GET", "/api/runs?limit=1"},
                    new String[] {"GET", "/api/dead-letters?reason=LOST&limit=1"},
                    new String[] {"POST", "/api/dead-letters/" + id + "/replay?limit=1"},
                    new String[] {"POST", "/api/dead-letters/replay?all=true&reason=UNMAPPED"},
                    new String[] {"POST", "/api/dead-letters/" + other + "/discard?note=test&limit=1"});
            // what the server writes of its own; nothing of the request
            java.util.Set<String> allowed = java.util.Set.of("content-type", "content-length", "transfer-encoding");

            for (String[] call : calls) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base(harness) + call[1]))
                        .method(call[0], HttpRequest.BodyPublishers.noBody()).header("X-Probe", "echo?").build(),
                        HttpResponse.BodyHandlers.ofString());

                java.util.Set<String> names = new java.util.TreeSet<>(answer.headers().map().keySet());
                names.removeIf(name -> allowed.contains(name.toLowerCase(java.util.Locale.ROOT)));
                assertTrue(names.isEmpty(), call[0] + " " + call[1] + " (" + answer.statusCode() + ") answered with "
                        + names);
            }
        }
    }

    @Test
    void with_redrive_on_a_passing_failure_is_sent_again_by_the_next_run() {
        try (ConnectorHarness harness = conflicted(Map.of("wfm.deadletter.redrive", "true"))) {
            RunSummary next = harness.runOnce();

            assertEquals(30, next.delivered(), next.toLogLine());
            assertTrue(harness.openDeadLetters().isEmpty());
            assertEquals(DeadLetterStatus.DELIVERED, harness.deadLetterStore().listAll(1).get(0).status());
        }
    }

    @Test
    void health_reports_degraded_not_down_past_the_threshold_and_depth_is_a_metric() throws Exception {
        try (ConnectorHarness harness = conflicted(Map.of("wfm.deadletter.degraded-threshold", "10"))) {
            HttpResponse<String> health = send(harness, "GET", "/observe/health");
            assertEquals(200, health.statusCode());
            JsonNode check = null;
            for (JsonNode candidate : JSON.readTree(health.body()).path("checks")) {
                check = "dead-letters".equals(candidate.path("name").asText()) ? candidate : check;
            }
            assertNotNull(check, health.body());
            assertEquals("UP", check.path("status").asText());
            assertTrue(check.path("message").asText().startsWith("DEGRADED: 30 open dead letters"), check.toString());
            String metrics = send(harness, "GET", "/observe/metrics").body();
            assertTrue(metrics.contains("wfm_dead_letters_open{event_kind=\"PRESENCE\",reason=\"CONFLICT_EXHAUSTED\"} 30.0"), metrics);
            assertEquals(30, harness.deadLetterStore().openCountByReason().get(DeadLetterReason.CONFLICT_EXHAUSTED));
        }
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(ConnectorHarness harness, String... args) {
        return cli(base(harness), args);
    }

    /** Runs the command line in-process against {@code url}; {@code --url} goes after the command it belongs to. */
    private static Cli cli(String url, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        int afterCommand = all.get(0).equals("deadletters") ? 2 : 1;
        all.addAll(afterCommand, List.of("--url", url));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OperatorCli.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String base(ConnectorHarness harness) {
        return "http://127.0.0.1:" + harness.property("camel.management.port");
    }

    private JsonNode get(ConnectorHarness harness, String path) throws Exception {
        HttpResponse<String> response = send(harness, "GET", path);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode post(ConnectorHarness harness, String path) throws Exception {
        HttpResponse<String> response = send(harness, "POST", path);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode postQuietly(ConnectorHarness harness, long id) {
        try {
            return post(harness, "/api/dead-letters/" + id + "/replay");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(ConnectorHarness harness, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base(harness) + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}

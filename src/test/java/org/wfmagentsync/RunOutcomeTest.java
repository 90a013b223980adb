package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wfmagentsync.ManagementApi.base;
import static org.wfmagentsync.ManagementApi.get;
import static org.wfmagentsync.ManagementApi.post;
import static org.wfmagentsync.ManagementApi.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.cli.OperatorCli;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.model.RunSummary.Outcome;

/**
 * What a run's outcome counts: only what that run dead-lettered anew, with the dead letters still
 * open shown apart, in the log line, the kept summary, {@code GET /api/runs} and the {@code runs} table.
 */
class RunOutcomeTest {


    @Test
    void an_agent_that_stays_unmapped_makes_one_run_partial_and_the_next_ones_say_it_is_still_open() throws Exception {
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10), Map.of())) {
            Path agents = Path.of(harness.property("wfm.mapping.agents-file"));
            Files.write(agents, Files.readAllLines(agents).stream().filter(line -> !line.startsWith("A0004,")).toList());

            RunSummary first = harness.runOnce();
            RunSummary second = harness.runOnce();

            assertEquals(Outcome.PARTIAL, first.outcome(), first.toLogLine());
            assertEquals(1, first.deadLettered(), "the run that found it unmapped dead-lettered it");
            assertEquals(1L, first.stillOpen());
            assertEquals(Outcome.SUCCEEDED, second.outcome(), "the next run had nothing new to dead-letter");
            assertEquals(0, second.deadLettered());
            assertEquals(1L, second.stillOpen(), "but the entry is still open");
            assertTrue(log.anyLineContains("sync run " + second.runId() + " SUCCEEDED", "deadLettered=0 stillOpen=1"),
                    log.lines().toString());
            List<DeadLetter> open = harness.openDeadLetters();
            assertEquals(1, open.size(), "one entry, kept");
            assertEquals(second.runId(), open.get(0).runId(), "and updated by the run that found it again");

            JsonNode runs = get(harness, "/api/runs").path("items");
            assertEquals(0, runs.get(0).path("deadLettered").asInt());
            assertEquals(1, runs.get(0).path("stillOpen").asInt());
            assertEquals(1, runs.get(1).path("deadLettered").asInt());
            assertEquals(1, runs.get(1).path("stillOpen").asInt());
            Map<String, String> row = runsTableRow(harness, second.runId());
            assertEquals("SUCCEEDED", row.get("OUTCOME"));
            assertEquals("0", row.get("DEAD-LETTERED"));
            assertEquals("1", row.get("STILL-OPEN"));

            String metrics = send(harness, "GET", "/observe/metrics").body();
            assertTrue(metrics.contains("wfm_run_last_dead_lettered{kind=\"sync\"} 0.0"), metrics);
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("wfm_dead_letters_total{")
                    && line.contains("reason=\"UNMAPPED\"") && line.endsWith(" 1.0")), "counted once: " + metrics);
        }
    }

    @Test
    void a_replay_whose_entries_fail_again_has_them_as_its_outcome_and_a_sync_run_after_it_does_not() throws Exception {
        try (ConnectorHarness harness = refusing(Map.of())) {
            RunSummary sync = harness.runOnce();
            assertEquals(10, sync.deadLettered(), sync.toLogLine());

            JsonNode replay = post(harness, "/api/dead-letters/replay?all=true");
            RunSummary next = harness.runOnce();

            JsonNode replayRun = run(harness, replay.path("runId").asText());
            assertEquals("replay", replayRun.path("kind").asText());
            assertEquals("PARTIAL", replayRun.path("outcome").asText(), replayRun.toString());
            assertEquals(10, replayRun.path("deadLettered").asInt(), "its entries failed again");
            assertEquals(10, replayRun.path("stillOpen").asInt());
            assertEquals(Outcome.SUCCEEDED, next.outcome(), "a normal run leaves them to a replay: " + next.toLogLine());
            assertEquals(0, next.deadLettered());
            assertEquals(10L, next.stillOpen());

            harness.sandbox.genesys().clearForcedResponses();
            JsonNode delivered = run(harness, post(harness, "/api/dead-letters/replay?all=true").path("runId").asText());
            assertEquals("SUCCEEDED", delivered.path("outcome").asText(), delivered.toString());
            assertEquals(10, delivered.path("delivered").asInt());
            assertEquals(0, delivered.path("stillOpen").asInt());
        }
    }

    @Test
    void with_redrive_on_entries_sent_again_that_fail_again_count_in_the_run_that_sent_them() {
        try (ConnectorHarness harness = refusing(Map.of("wfm.deadletter.redrive", "true"))) {
            RunSummary first = harness.runOnce();

            RunSummary second = harness.runOnce();

            assertEquals(10, first.deadLettered(), first.toLogLine());
            assertEquals(Outcome.PARTIAL, second.outcome(), "it sent them again and they failed: " + second.toLogLine());
            assertEquals(10, second.deadLettered());
            assertEquals(10L, second.stillOpen());
            assertEquals(10, harness.openDeadLetters().size(), "still one entry per event");
        }
    }

    @Test
    void a_summary_kept_by_an_older_version_still_reads_and_shows_no_open_depth() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(1), Map.of())) {
            OffsetDateTime at = OffsetDateTime.parse("2026-11-25T16:02:02Z");
            String older = "{\"runId\":\"older-run\",\"kind\":\"sync\",\"startedAt\":\"2026-11-25T16:02:02Z\","
                    + "\"finishedAt\":\"2026-11-25T16:02:03Z\",\"outcome\":\"PARTIAL\",\"error\":null,\"fetched\":250,"
                    + "\"changed\":250,\"sent\":250,\"requests\":5,\"conflicts409\":2,\"rateLimited429\":0,\"retries\":3,"
                    + "\"delivered\":213,\"deadLettered\":37,\"durationMs\":651,\"limitStart\":3,\"limitEnd\":1,"
                    + "\"limitLowest\":1,\"limitHighest\":3,\"ratePauses\":0,\"retryBudgetLeft\":485,"
                    + "\"retryBudgetRefused\":0}";
            DataSource db = harness.context().getRegistry().lookupByNameAndType("stateDataSource", DataSource.class);
            try (var connection = db.getConnection(); var insert = connection.prepareStatement(
                    "INSERT INTO run_summary (run_id, started_at, finished_at, outcome, summary_json) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, "older-run");
                insert.setObject(2, at);
                insert.setObject(3, at.plusSeconds(1));
                insert.setString(4, "PARTIAL");
                insert.setString(5, older);
                insert.executeUpdate();
            }

            JsonNode run = run(harness, "older-run");
            Map<String, String> row = runsTableRow(harness, "older-run");

            assertEquals(37, run.path("deadLettered").asInt());
            assertTrue(run.path("stillOpen").isNull(), run.toString());
            assertEquals("37", row.get("DEAD-LETTERED"));
            assertEquals("-", row.get("STILL-OPEN"), "not known for a run kept before it was recorded");
        }
    }

    /** 10 agents; Genesys Cloud answers every request with a capacity conflict until the test clears it. */
    private static ConnectorHarness refusing(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of("wfm.retry.max-redeliveries", "1"));
        all.putAll(properties);
        ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10), all);
        harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 409, "SCHEDULE_CONFLICT", Map.of());
        return harness;
    }

    private JsonNode run(ConnectorHarness harness, String runId) throws Exception {
        for (JsonNode run : get(harness, "/api/runs?limit=100").path("items")) {
            if (runId.equals(run.path("runId").asText())) {
                return run;
            }
        }
        throw new AssertionError("no run " + runId + " in /api/runs");
    }

    /** The {@code runs} command's row for the run, by column header (no cell of it holds a space). */
    private static Map<String, String> runsTableRow(ConnectorHarness harness, String runId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = OperatorCli.execute(new String[] {"runs", "--url", base(harness)},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(OperatorCli.OK, exit);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> headers = Arrays.asList(lines.get(0).split("\\s+"));
        String line = lines.stream().filter(candidate -> candidate.startsWith(runId + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + runId + " in\n" + String.join("\n", lines)));
        String[] cells = line.split("\\s+");
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            row.put(headers.get(i), cells[i]);
        }
        return row;
    }




}

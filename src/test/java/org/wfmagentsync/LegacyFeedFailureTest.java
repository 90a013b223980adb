package org.wfmagentsync;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.LegacySimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyFeedFailureTest {

    @Test
    void the_legacy_system_being_down_ends_the_run_with_a_clear_error_and_the_next_run_succeeds() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(30), Map.of())) {
            harness.sandbox.legacy().setFault(LegacySimulator.Fault.DOWN);

            RunSummary failed = harness.runOnce();

            assertEquals(RunSummary.Outcome.FAILED, failed.outcome());
            assertTrue(failed.error().contains("legacy system answered HTTP 503"), failed.error());
            assertTrue(failed.error().contains("/api/agents"), "names the URL: " + failed.error());
            assertEquals(0, failed.requests());

            harness.sandbox.legacy().setFault(LegacySimulator.Fault.NONE);
            RunSummary next = harness.runOnce();
            assertEquals(RunSummary.Outcome.SUCCEEDED, next.outcome(), next.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void malformed_json_from_the_legacy_system_ends_the_run_with_a_clear_error_and_the_next_run_succeeds() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(30), Map.of())) {
            harness.sandbox.legacy().setFault(LegacySimulator.Fault.MALFORMED);

            RunSummary failed = harness.runOnce();

            assertEquals(RunSummary.Outcome.FAILED, failed.outcome());
            assertTrue(failed.error().startsWith("legacy feed is not valid JSON"), failed.error());

            harness.sandbox.legacy().setFault(LegacySimulator.Fault.NONE);
            assertEquals(RunSummary.Outcome.SUCCEEDED, harness.runOnce().outcome());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void an_unreachable_legacy_system_is_named_in_the_error() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of("legacy.agents-url", "http://127.0.0.1:" + ConnectorHarness.freePort() + "/api/agents"))) {
            RunSummary failed = harness.runOnce();

            assertEquals(RunSummary.Outcome.FAILED, failed.outcome());
            assertTrue(failed.error().startsWith("legacy system unreachable"), failed.error());
        }
    }

    @Test
    void bad_rows_are_dead_lettered_with_agent_and_field_and_the_good_rows_are_delivered() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of())) {
            harness.sandbox.legacy().setRawBody("""
                    {"asOf":"2026-11-24T15:00:00Z","agents":[
                     {"agentId":"A0001","state":"READY","reason":null,"changedAt":"2026-11-24T14:59:00Z","extra":1},
                     {"agentId":"A0002","state":"READY","changedAt":"yesterday"},
                     {"agentId":"A0003","changedAt":"2026-11-24T14:59:00Z"},
                     {"agentId":"A0003","state":"ON_CALL","reason":null,"changedAt":"2026-11-24T14:58:00Z"},
                     {"agentId":"A0003","state":"READY","reason":null,"changedAt":"2026-11-24T14:59:30Z"},
                     {"state":"READY","changedAt":"2026-11-24T14:59:00Z"},
                     "not an object"]}""");

            RunSummary run = harness.runOnce();

            assertEquals(7, run.fetched());
            assertEquals(2, run.delivered(), "A0001, and A0003's newest row");
            var letters = harness.deadLetterStore().listAll(100);
            var details = letters.stream().map(letter -> letter.detail()).toList();
            assertTrue(details.contains("agent A0002: field 'changedAt' is not an ISO-8601 date-time with offset: 'yesterday'"),
                    details.toString());
            assertTrue(details.contains("agent A0003: field 'state' is missing"), details.toString());
            assertTrue(details.contains("a record without a usable agentId (agents[5]): field 'agentId' is missing"),
                    details.toString());
            assertTrue(details.contains("a record without a usable agentId (agents[6]): the row is a string, not a JSON object"),
                    details.toString());
            assertEquals(4, details.size());
            // A0003's bad row is older than its delivered newest row, so it is closed as superseded
            assertEquals(org.wfmagentsync.model.DeadLetterStatus.SUPERSEDED, letters.stream().filter(letter -> "A0003".equals(letter.agentId()))
                    .findFirst().orElseThrow().status());
            assertEquals(3, harness.openDeadLetters().size());
        }
    }

    @Test
    void a_feed_of_many_bad_rows_logs_twenty_one_by_one_then_one_line_and_keeps_every_row() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of());
                CapturedLog log = CapturedLog.warnings()) {
            StringBuilder feed = new StringBuilder("{\"asOf\":\"2026-11-24T15:00:00Z\",\"agents\":["
                    + "{\"agentId\":\"A0001\",\"state\":\"READY\",\"changedAt\":\"2026-11-24T14:59:00Z\"}");
            for (int i = 0; i < 150; i++) {
                feed.append(",{\"agentId\":\"B").append(i).append("\",\"changedAt\":\"2026-11-24T14:59:00Z\"}");
            }
            harness.sandbox.legacy().setRawBody(feed.append("]}").toString());

            RunSummary run = harness.runOnce();

            assertEquals(1, run.delivered(), run.toLogLine());
            assertEquals(150, run.deadLettered(), run.toLogLine());
            assertEquals(150, harness.openDeadLetters().size(), "every bad row is kept");
            assertEquals(20, log.linesContaining("(INVALID_RECORD): agent B"), "the first twenty, one by one");
            assertEquals(1, log.linesContaining("more bad or unmapped legacy rows in run " + run.runId()),
                    "then one line says where the rest is");

            RunSummary next = harness.runOnce();
            assertEquals(20, log.linesContaining("(INVALID_RECORD): agent B") - 20, "a new run logs its first twenty again");
            // the same bad rows again: their entries are updated, not dead-lettered anew, so the run has nothing
            // new to report; they are still open
            assertEquals(RunSummary.Outcome.SUCCEEDED, next.outcome(), next.toLogLine());
            assertEquals(0, next.deadLettered(), next.toLogLine());
            assertEquals(150L, next.stillOpen(), next.toLogLine());
            assertEquals(150, harness.openDeadLetters().size(), "every bad row is still kept, once");
        }
    }
}

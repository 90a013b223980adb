package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.cli.OperatorCli;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.PresenceDefinitions;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.SandboxUsers;

/**
 * Each kind has its own dead letters: an entry shows its kind (API, command line), a replay of one
 * kind sends that kind's events to that kind's endpoint, a delivery supersedes the older entries of
 * its kind and never another kind's, and for one agent and one kind an older state is never sent
 * after a newer one.
 */
class RoutingStatusDeadLettersTest {


    private static ConnectorHarness bothKinds(int agents) {
        Map<String, String> properties = new HashMap<>(ConnectorHarness.BOTH_KINDS);
        properties.put("wfm.retry.max-redeliveries", "1");
        return ConnectorHarness.start(sandbox -> sandbox.legacyAgents(agents), properties);
    }

    @Test
    void routing_statuses_that_failed_are_kept_as_routing_status_entries_and_a_replay_of_that_kind_delivers_them()
            throws Exception {
        try (ConnectorHarness harness = bothKinds(30)) {
            harness.sandbox.genesys().failNextRequestsTo(RequestLogEntry.ROUTING_STATUS, Integer.MAX_VALUE, 503,
                    "service.unavailable", Map.of());

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome(), run.toLogLine());
            assertEquals(30, run.of(EventKind.PRESENCE).delivered());
            assertEquals(0, run.of(EventKind.PRESENCE).deadLettered());
            assertEquals(30, run.of(EventKind.ROUTING_STATUS).deadLettered());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertTrue(harness.sandbox.genesys().routingState().isEmpty());
            List<DeadLetter> open = harness.openDeadLetters();
            assertEquals(30, open.size());
            assertTrue(open.stream().allMatch(letter -> letter.kind() == EventKind.ROUTING_STATUS
                    && letter.reason() == DeadLetterReason.RETRIES_EXHAUSTED), open.get(0).toString());

            JsonNode routing = get(harness, "/api/dead-letters?kind=ROUTING_STATUS&limit=5");
            assertEquals(30, routing.path("total").asInt());
            assertEquals("ROUTING_STATUS", routing.path("items").get(0).path("kind").asText());
            assertEquals(0, get(harness, "/api/dead-letters?kind=PRESENCE").path("total").asInt());
            assertEquals(400, send(harness, "GET", "/api/dead-letters?kind=ROUTING").statusCode(),
                    "an unknown kind is refused naming the kinds");
            JsonNode entry = get(harness, "/api/dead-letters/" + open.get(0).id());
            assertEquals("ROUTING_STATUS", entry.path("kind").asText());
            assertEquals(entry.path("userId").asText(), entry.path("event").path("agentId").asText(),
                    "the event as it was sent: the user is its agentId");
            assertTrue(entry.path("event").has("status"), entry.toString());

            Cli list = cli(harness, "deadletters", "list", "--kind", "ROUTING_STATUS", "--limit", "3");
            assertEquals(OperatorCli.OK, list.exit(), list.err());
            List<String> lines = list.out().lines().toList();
            assertTrue(lines.get(0).matches("ID\\s+STATUS\\s+REASON\\s+KIND\\s+AGENT.*"), list.out());
            assertTrue(lines.get(1).contains(" ROUTING_STATUS "), list.out());
            assertTrue(list.out().contains("1-3 of 30"), list.out());
            Cli show = cli(harness, "deadletters", "show", Long.toString(open.get(0).id()));
            assertTrue(show.out().lines().anyMatch(line -> line.matches("kind\\s+ROUTING_STATUS")), show.out());

            harness.sandbox.genesys().clearForcedResponses();
            Cli replay = cli(harness, "deadletters", "replay", "--kind", "ROUTING_STATUS");

            assertEquals(OperatorCli.OK, replay.exit(), replay.err());
            assertTrue(replay.out().contains("replayed 30 (delivered 30), skipped 0"), replay.out());
            assertTrue(replay.out().lines().skip(1).findFirst().orElseThrow().contains(" ROUTING_STATUS "), replay.out());
            assertEquals(harness.expectedRoutingStatusByUser(), harness.actualRoutingStatusByUser());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertTrue(harness.openDeadLetters().isEmpty());
            JsonNode replayRun = get(harness, "/api/runs").path("items").get(0);
            assertEquals("replay", replayRun.path("kind").asText());
            assertEquals(30, replayRun.path("byKind").path("ROUTING_STATUS").path("delivered").asInt(), replayRun.toString());
            assertTrue(replayRun.path("byKind").path("PRESENCE").isMissingNode(), replayRun.toString());
            assertEquals(0, harness.sandbox.genesys().counters().routingStatus().duplicateEvents());
        }
    }

    @Test
    void a_newer_state_supersedes_the_old_entries_of_its_own_kind_and_never_those_of_the_other() {
        try (ConnectorHarness harness = bothKinds(2)) {
            harness.sandbox.legacy().setState("A0001", AgentState.READY, null);
            harness.sandbox.legacy().setState("A0002", AgentState.READY, null);
            harness.sandbox.genesys().failNextRequestsTo(RequestLogEntry.PRESENCE, 1, 400, "bad.request", Map.of());
            harness.runOnce();
            DeadLetter presenceOf1 = only(harness, "A0001", EventKind.PRESENCE);
            DeadLetter presenceOf2 = only(harness, "A0002", EventKind.PRESENCE);
            assertEquals(DeadLetterReason.REJECTED, presenceOf1.reason());

            // A0001 moves on; its presence is delivered, its routing status fails
            harness.sandbox.legacy().setState("A0001", AgentState.ON_CALL, null);
            harness.sandbox.genesys().failNextRequestsTo(RequestLogEntry.ROUTING_STATUS, Integer.MAX_VALUE, 503,
                    "service.unavailable", Map.of());
            harness.runOnce();
            harness.sandbox.genesys().clearForcedResponses();

            assertEquals(DeadLetterStatus.SUPERSEDED, status(harness, presenceOf1), "a newer presence was delivered");
            assertEquals(DeadLetterStatus.OPEN, status(harness, presenceOf2), "A0002 did not move");
            DeadLetter routingOf1 = only(harness, "A0001", EventKind.ROUTING_STATUS);
            assertEquals(DeadLetterStatus.OPEN, routingOf1.status(), "the presence delivery leaves the routing entry alone");

            // a newer routing status of A0001 closes its routing entry, and only that
            harness.sandbox.legacy().setState("A0001", AgentState.NOT_READY, "BREAK");
            harness.runOnce();

            assertEquals(DeadLetterStatus.SUPERSEDED, status(harness, routingOf1));
            assertEquals(DeadLetterStatus.OPEN, status(harness, presenceOf2));
            assertEquals("OffQueue", harness.sandbox.genesys().routingStatusOf(user("A0001")).orElseThrow().status());
        }
    }

    @Test
    void an_older_routing_status_is_never_sent_after_a_newer_one_even_when_the_newer_equals_the_delivered_one()
            throws Exception {
        try (ConnectorHarness harness = bothKinds(1)) {
            harness.sandbox.legacy().setState("A0001", AgentState.READY, null);
            harness.runOnce();
            assertEquals("Idle", routingOf(harness, "A0001"));

            // the call's routing status fails: Genesys Cloud may hold Interacting or Idle, nobody knows
            harness.sandbox.legacy().setState("A0001", AgentState.ON_CALL, null);
            harness.sandbox.genesys().failNextRequestsTo(RequestLogEntry.ROUTING_STATUS, Integer.MAX_VALUE, 503,
                    "service.unavailable", Map.of());
            harness.runOnce();
            harness.sandbox.genesys().clearForcedResponses();
            DeadLetter interacting = only(harness, "A0001", EventKind.ROUTING_STATUS);
            assertTrue(interacting.eventJson().contains("\"status\":\"Interacting\""), interacting.eventJson());

            // back to READY: Idle, as delivered before, is sent again since a failed Interacting lies in between
            harness.sandbox.legacy().setState("A0001", AgentState.READY, null);
            RunSummary back = harness.runOnce();

            assertEquals(1, back.of(EventKind.ROUTING_STATUS).delivered(), back.toLogLine());
            assertEquals("Idle", routingOf(harness, "A0001"));
            assertEquals(DeadLetterStatus.SUPERSEDED, status(harness, interacting));

            JsonNode replay = post(harness, "/api/dead-letters/" + interacting.id() + "/replay");
            assertEquals(0, replay.path("replayed").size(), replay.toString());
            assertTrue(replay.path("skipped").get(0).path("why").asText().startsWith("status SUPERSEDED"), replay.toString());
            assertEquals("Idle", routingOf(harness, "A0001"), "the older Interacting was not sent after the newer Idle");
            assertEquals(harness.expectedRoutingStatusByUser(), harness.actualRoutingStatusByUser());
        }
    }

    @Test
    void a_newer_routing_status_does_not_keep_a_replay_from_sending_the_presence_entry_it_is_not_newer_than()
            throws Exception {
        Path states = Files.createTempFile("states-", ".csv");
        Files.write(states, List.of("legacyState,reason,presenceDefinitionId,routingStatus,message",
                "READY,," + PresenceDefinitions.AVAILABLE + ",Idle,", "ON_CALL,," + PresenceDefinitions.BUSY + ",Interacting,",
                "NOT_READY,,,OffQueue,"));
        Map<String, String> properties = new HashMap<>(Map.of("wfm.mapping.states-file", states.toString(),
                "wfm.retry.max-redeliveries", "1"));
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(1), properties)) {
            harness.sandbox.legacy().setState("A0001", AgentState.ON_CALL, null);
            harness.sandbox.genesys().failNextRequestsTo(RequestLogEntry.PRESENCE, Integer.MAX_VALUE, 503,
                    "service.unavailable", Map.of());
            harness.runOnce();
            harness.sandbox.genesys().clearForcedResponses();
            DeadLetter busy = only(harness, "A0001", EventKind.PRESENCE);

            // the break sets a routing status only: a newer routing status is delivered, no newer presence
            harness.sandbox.legacy().setState("A0001", AgentState.NOT_READY, "BREAK");
            harness.runOnce();
            assertEquals("OffQueue", routingOf(harness, "A0001"));
            assertEquals(DeadLetterStatus.OPEN, status(harness, busy), "a routing status does not supersede a presence");

            JsonNode replay = post(harness, "/api/dead-letters/" + busy.id() + "/replay");

            assertEquals("REPLAYED", replay.path("replayed").get(0).path("outcome").asText(), replay.toString());
            assertEquals("PRESENCE", replay.path("replayed").get(0).path("kind").asText(), replay.toString());
            assertEquals(PresenceDefinitions.BUSY, harness.sandbox.genesys().presenceOf(user("A0001")).orElseThrow()
                    .presenceDefinitionId(), "the latest presence the legacy states give");
            assertEquals("OffQueue", routingOf(harness, "A0001"), "the replay sent a presence, nothing else");
        }
    }

    @Test
    void an_agent_without_a_user_is_unmapped_once_per_kind_and_both_entries_close_once_it_is_mapped() throws Exception {
        Path states = Files.createTempFile("states-", ".csv");
        Files.write(states, Files.readAllLines(StateTable.SHIPPED).stream()
                .filter(line -> !line.startsWith("LOGGED_OUT")).toList());
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3),
                Map.of("wfm.mapping.states-file", states.toString()))) {
            harness.sandbox.legacy().setState("A0001", AgentState.READY, null);
            harness.sandbox.legacy().setState("A0002", AgentState.READY, null);
            harness.sandbox.legacy().setState("A0003", AgentState.LOGGED_OUT, null);
            Path agents = Path.of(harness.property("wfm.mapping.agents-file"));
            List<String> mapped = Files.readAllLines(agents);
            Files.write(agents, mapped.stream().filter(line -> !line.startsWith("A0002,")).toList());

            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.PARTIAL, run.outcome());
            assertEquals(3, run.deadLettered(), "A0002 twice (one per kind), A0003's state once: " + run.toLogLine());
            assertEquals(1, run.of(EventKind.PRESENCE).deadLettered());
            assertEquals(1, run.of(EventKind.ROUTING_STATUS).deadLettered());
            DeadLetter presence = only(harness, "A0002", EventKind.PRESENCE);
            DeadLetter routing = only(harness, "A0002", EventKind.ROUTING_STATUS);
            assertTrue(presence.detail().contains("has no Genesys user") && routing.detail().contains("has no Genesys user"));
            DeadLetter noRow = harness.openDeadLetters().stream().filter(letter -> "A0003".equals(letter.agentId()))
                    .findFirst().orElseThrow();
            assertNull(noRow.kind(), "a state with no row is not an event of either kind yet");
            assertTrue(noRow.detail().contains("state 'LOGGED_OUT' has no presence definition or routing status"),
                    noRow.detail());
            JsonNode listed = get(harness, "/api/dead-letters?agentId=A0003");
            assertTrue(listed.path("items").get(0).path("kind").isNull(), listed.toString());
            Cli table = cli(harness, "deadletters", "list", "--agent", "A0003");
            assertTrue(table.out().lines().skip(1).findFirst().orElseThrow().matches("\\d+\\s+OPEN\\s+UNMAPPED\\s+-\\s+A0003.*"),
                    table.out());

            Files.write(agents, mapped);
            Files.write(states, Files.readAllLines(StateTable.SHIPPED));
            RunSummary fixed = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, fixed.outcome(), fixed.toLogLine());
            assertEquals(DeadLetterStatus.DELIVERED, status(harness, presence));
            assertEquals(DeadLetterStatus.DELIVERED, status(harness, routing));
            assertEquals(DeadLetterStatus.DELIVERED, status(harness, noRow), "the presence of the same change");
            assertTrue(harness.openDeadLetters().isEmpty());
            assertEquals(harness.expectedRoutingStatusByUser(), harness.actualRoutingStatusByUser());
        }
    }

    private static DeadLetter only(ConnectorHarness harness, String agent, EventKind kind) {
        List<DeadLetter> found = new ArrayList<>();
        for (DeadLetter letter : harness.deadLetterStore().listAll(1000)) {
            if (agent.equals(letter.agentId()) && letter.kind() == kind && letter.status() == DeadLetterStatus.OPEN) {
                found.add(letter);
            }
        }
        assertEquals(1, found.size(), agent + " " + kind + ": " + found);
        return found.get(0);
    }

    private static DeadLetterStatus status(ConnectorHarness harness, DeadLetter letter) {
        return harness.deadLetterStore().find(letter.id()).orElseThrow().status();
    }

    private static String routingOf(ConnectorHarness harness, String agent) {
        return harness.sandbox.genesys().routingStatusOf(user(agent)).orElseThrow().status();
    }

    private static String user(String agent) {
        return SandboxUsers.userIdOf(agent);
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(ConnectorHarness harness, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(all.get(0).equals("deadletters") ? 2 : 1, List.of("--url", base(harness)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OperatorCli.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }




}

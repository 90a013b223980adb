package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.AgentTruth;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.sandbox.UserPresence;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * The connector in a process of its own, killed (SIGKILL) or stopped (SIGTERM) in the middle of a
 * run and started again on the same state database, against the sandbox in this JVM. After the
 * last start, Genesys Cloud must hold the legacy truth for every agent, no event may have been
 * applied twice, and the dead letters and run summaries must be whole.
 */
class CrashSafetyIT {

    /** Agents in the legacy system. */
    private static final int AGENTS = 3000;
    /** Small batches and few in flight, so a run takes long enough to be killed in its middle. */
    private static final int BATCH = 50;
    private static final int MAX_CONCURRENT = 2;
    /**
     * Events Genesys Cloud may have accepted without the connector having recorded it when the
     * process dies: every batch under way (the throttle's permits, twice the ceiling) holds at most
     * one batch. Those, and only those, are sent again after a restart.
     */
    private static final int UNRECORDED_BOUND = 2 * MAX_CONCURRENT * BATCH;
    /** Requests each killed process may send before Genesys Cloud's rate limit holds it (15 x 50 = 750 events). */
    private static final int GATE = 15;
    /** Agents whose delivered state changes while the connector is down, after each kill. */
    private static final int CHANGED_PER_KILL = 20;
    /** Every hundredth agent's user is unknown to Genesys Cloud: those events are dead-lettered. */
    private static final int REJECTED_EVERY = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final List<ConnectorProcess> processes = new ArrayList<>();
    private Sandbox sandbox;

    /** Kept when a test fails: the connectors' logs and the state database are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @AfterEach
    void stopEverything() {
        processes.forEach(ConnectorProcess::destroyIfAlive);
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void killed_three_times_mid_run_the_connector_ends_with_genesys_equal_to_the_legacy_truth() {
        startSandbox(settings -> settings.latencyMedianMs(40));
        Set<String> rejectedAgents = rejectUnknownUsers();
        int deliverable = AGENTS - rejectedAgents.size();
        int unrecordedSum = 0;
        Set<String> changedAgents = new HashSet<>();

        for (int kill = 1; kill <= 3; kill++) {
            // Genesys Cloud's per-minute limit holds each process mid-run (a 429 and a Retry-After of about a
            // minute after GATE requests), so no kill can come after the run has ended, however late it lands
            holdRunsAfter(GATE);
            long acceptedBefore = sandbox.genesys().counters().acceptedEvents();
            long pausedBefore = sandbox.genesys().counters().status(429);
            ConnectorProcess connector = startConnector(Map.of());
            if (kill == 2) {
                Bounded.await(() -> sandbox.genesys().counters().status(429) > pausedBefore || !connector.isAlive(),
                        Duration.ofSeconds(60), "the run to wait out a Retry-After");
            } else {
                Bounded.await(() -> sandbox.genesys().counters().acceptedEvents() >= acceptedBefore + 4 * BATCH
                        || !connector.isAlive(), Duration.ofSeconds(60), "requests to flow");
            }
            assertTrue(connector.isAlive(), "the connector is running:\n" + connector.logText());
            // what an operator can see right now; the kill comes straight after
            Set<Long> shownDeadLetters = deadLetterIds(connector);
            connector.kill();
            Bounded.await(() -> sandbox.genesys().counters().currentInFlight() == 0, Duration.ofSeconds(10),
                    "the requests of the killed process to end");

            StateFile state = StateFile.read(jdbcUrl());
            Map<String, UserPresence> held = sandbox.genesys().state();
            // recorded as delivered means Genesys Cloud has it (or a newer state of the agent, sent but not yet
            // recorded): a crash never makes the connector believe too much
            state.deliveredEventIds().forEach((agent, eventId) -> {
                UserPresence presence = held.get(SandboxUsers.userIdOf(agent));
                assertTrue(presence != null && (presence.eventId().equals(eventId)
                        || presence.eventDateTime().isAfter(state.deliveredChanges().get(agent))),
                        "agent " + agent + " is recorded as delivered, so Genesys Cloud holds that event: " + presence);
            });
            Map<String, String> recordedByUser = new HashMap<>();
            state.deliveredEventIds().forEach((agent, eventId) -> recordedByUser.put(SandboxUsers.userIdOf(agent), eventId));
            int unrecorded = (int) held.entrySet().stream().filter(user -> !user.getValue().eventId()
                    .equals(recordedByUser.get(user.getKey()))).count();
            assertTrue(unrecorded <= UNRECORDED_BOUND, "accepted by Genesys Cloud but not recorded at kill " + kill
                    + ": " + unrecorded + " (at most the batches under way, " + UNRECORDED_BOUND + ")");
            unrecordedSum += unrecorded;
            assertTrue(state.deliveredEventIds().size() < deliverable, "kill " + kill + " came in the middle of a run");
            Set<Long> stored = state.deadLetters().stream().map(StateFile.Entry::id).collect(Collectors.toSet());
            assertTrue(stored.containsAll(shownDeadLetters), "every dead letter the API showed before kill " + kill
                    + " is still stored: shown " + shownDeadLetters + ", stored " + stored);
            assertEquals(List.of("RUNNING"), state.runs().stream().map(StateFile.Run::outcome)
                    .filter(outcome -> !outcome.equals("INTERRUPTED")).toList(), "the killed run is kept as RUNNING");

            // while the connector is down, agents it had delivered move on: the restart must send their new state
            List<String> moving = state.deliveredEventIds().keySet().stream().sorted()
                    .filter(agent -> !changedAgents.contains(agent)).limit(CHANGED_PER_KILL).toList();
            for (String agent : moving) {
                changedAgents.add(agent);
                sandbox.legacy().setState(agent, sandbox.legacy().truth().get(agent).state() == AgentState.READY
                        ? AgentState.LOGGED_OUT : AgentState.READY, null);
            }
        }

        holdRunsAfter(100_000);
        ConnectorProcess last = startConnector(Map.of());
        JsonNode finished = awaitFinishedRun(last);
        assertTrue(Set.of("SUCCEEDED", "PARTIAL").contains(finished.path("outcome").asText()), finished.toString());

        assertEquals(expectedPresenceByUser(rejectedAgents), actualPresenceByUser(),
                "Genesys Cloud holds the legacy truth for every agent");
        var counters = sandbox.genesys().counters();
        assertEquals(deliverable + 3 * CHANGED_PER_KILL, counters.acceptedEvents(),
                "each event applied exactly once: every agent's, and the new state of those that changed");
        assertEquals(0, counters.staleEvents(), "no agent was sent back to an older state");
        assertTrue(counters.duplicateEvents() <= unrecordedSum, "sent again only what was accepted but not recorded"
                + " when a process died: " + counters.duplicateEvents() + " > " + unrecordedSum);

        assertDeadLettersAreTheRejectedAgents(last, rejectedAgents);
        JsonNode runs = json(last.get("/api/runs?limit=10")).path("items");
        assertEquals(4, runs.size(), runs.toString());
        for (int i = 1; i < 4; i++) {
            assertEquals("INTERRUPTED", runs.get(i).path("outcome").asText(), runs.get(i).toString());
            assertTrue(runs.get(i).path("error").asText().contains("stopped before the run ended"), runs.get(i).toString());
            assertTrue(runs.get(i).path("fetched").asLong() > 0, "it tells how much it had to do: " + runs.get(i));
        }
        assertTrue(last.logText().contains("INTERRUPTED"), "the restart tells about the interrupted run:\n" + last.logText());
    }

    @Test
    void a_graceful_stop_finishes_the_requests_in_flight_leaves_the_rest_for_the_next_run_and_exits_in_time() {
        // each request takes 1.5 s, so the stop always finds requests in flight and batches waiting
        startSandbox(settings -> settings.latencyMedianMs(1500));
        Set<String> rejectedAgents = rejectUnknownUsers();
        ConnectorProcess connector = startConnector(Map.of("camel.main.shutdown-timeout", "20"));
        Bounded.await(() -> sandbox.genesys().counters().requests() >= 3 || !connector.isAlive(), Duration.ofSeconds(60),
                "requests in flight");
        assertTrue(connector.isAlive(), connector.logText());

        Duration stop = connector.terminate(Duration.ofSeconds(20));

        assertTrue(stop.toMillis() < 20_000, "exits within camel.main.shutdown-timeout: " + stop.toMillis() + " ms");
        Bounded.await(() -> sandbox.genesys().counters().currentInFlight() == 0, Duration.ofSeconds(10),
                "no request left in flight");
        StateFile state = StateFile.read(jdbcUrl());
        Map<String, UserPresence> held = sandbox.genesys().state();
        assertTrue(held.size() > 0, "some batches were delivered before the stop");
        assertEquals(held.keySet(), state.deliveredEventIds().keySet().stream().map(SandboxUsers::userIdOf)
                .collect(Collectors.toSet()), "every request in flight finished and was recorded");
        assertEquals(List.of(), state.deadLetters().stream().filter(entry -> !rejectedAgents.contains(entry.agentId()))
                .toList(), "nothing was dead-lettered because of the stop");
        assertEquals(1, state.runs().size(), state.runs().toString());
        StateFile.Run run = state.runs().get(0);
        assertEquals("INTERRUPTED", run.outcome(), run.summaryJson());
        // sent counts the events of the requests made, not the batches the stop left waiting at the gate
        JsonNode figures = json(run.summaryJson());
        GenesysCounters received = sandbox.genesys().counters();
        assertEquals(received.acceptedEvents() + received.perEventRejections(), figures.path("sent").asLong(),
                "sent is what reached Genesys Cloud: " + run.summaryJson());
        assertEquals(figures.path("delivered").asLong() + figures.path("deadLettered").asLong(),
                figures.path("sent").asLong(), "each event sent was delivered or dead-lettered: " + run.summaryJson());
        String log = connector.logText();
        assertTrue(log.contains("connector stopping during run " + run.runId()), log);
        assertTrue(log.matches("(?s).*run " + run.runId() + " INTERRUPTED .*event\\(s\\) not sent; the next run sends them.*"),
                "the log says what was left unsent:\n" + log);

        sandbox.genesys().setLatency(0, 0);
        ConnectorProcess next = startConnector(Map.of());
        JsonNode finished = awaitFinishedRun(next);
        assertTrue(Set.of("SUCCEEDED", "PARTIAL").contains(finished.path("outcome").asText()), finished.toString());
        assertEquals(expectedPresenceByUser(rejectedAgents), actualPresenceByUser());
        assertEquals(AGENTS - rejectedAgents.size(), sandbox.genesys().counters().acceptedEvents());
        assertEquals(0, sandbox.genesys().counters().duplicateEvents(), "nothing delivered was sent again");
        assertDeadLettersAreTheRejectedAgents(next, rejectedAgents);
    }

    @Test
    void a_graceful_stop_with_requests_hanging_gives_up_on_them_at_the_shutdown_timeout() {
        // Genesys Cloud does not answer for a minute: the requests in flight cannot finish
        startSandbox(settings -> settings.latencyMedianMs(60_000));
        Set<String> rejectedAgents = rejectUnknownUsers();
        ConnectorProcess connector = startConnector(Map.of("camel.main.shutdown-timeout", "3"));
        Bounded.await(() -> sandbox.genesys().counters().currentInFlight() >= MAX_CONCURRENT || !connector.isAlive(),
                Duration.ofSeconds(60), "requests hanging");
        assertTrue(connector.isAlive(), connector.logText());

        Duration stop = connector.terminate(Duration.ofSeconds(20));

        assertTrue(stop.toMillis() < 3_000 + 7_000, "exits at camel.main.shutdown-timeout (3 s), plus the time to"
                + " stop the rest: " + stop.toMillis() + " ms");
        StateFile state = StateFile.read(jdbcUrl());
        assertEquals(Map.of(), state.deliveredEventIds(), "nothing was answered, so nothing is recorded as delivered");
        assertEquals(List.of(), state.deadLetters(), "nothing was dead-lettered because of the stop");

        sandbox.genesys().setLatency(0, 0);
        ConnectorProcess next = startConnector(Map.of());
        JsonNode finished = awaitFinishedRun(next);
        assertTrue(Set.of("SUCCEEDED", "PARTIAL").contains(finished.path("outcome").asText()), finished.toString());
        assertEquals(expectedPresenceByUser(rejectedAgents), actualPresenceByUser());
        JsonNode runs = json(next.get("/api/runs?limit=10")).path("items");
        assertEquals(2, runs.size(), runs.toString());
        assertEquals("INTERRUPTED", runs.get(1).path("outcome").asText(), runs.get(1).toString());
        assertDeadLettersAreTheRejectedAgents(next, rejectedAgents);
    }

    @Test
    void killed_during_a_replay_the_claimed_dead_letters_are_open_again_and_a_new_replay_delivers_them() throws Exception {
        startSandbox(settings -> { });
        sandbox.genesys().failNextRequests(2, 422, "invalid.value", Map.of());
        ConnectorProcess first = startConnector(Map.of());
        assertEquals("PARTIAL", awaitFinishedRun(first).path("outcome").asText());
        assertEquals(2 * BATCH, json(first.get("/api/dead-letters?limit=1000")).path("total").asInt());

        // Genesys Cloud stops answering; the replay's requests hang, and the process is killed under them
        sandbox.genesys().setLatency(60_000, 0);
        first.postAsync("/api/dead-letters/replay?reason=REJECTED");
        Bounded.await(() -> sandbox.genesys().counters().currentInFlight() >= 1 || !first.isAlive(),
                Duration.ofSeconds(30), "the replay's requests in flight");
        first.kill();
        assertTrue(StateFile.read(jdbcUrl()).deadLetters().stream().anyMatch(entry -> entry.status().equals("REPLAYING")),
                "the replay had claimed entries when the process died");

        sandbox.genesys().setLatency(0, 0);
        ConnectorProcess second = startConnector(Map.of());
        awaitFinishedRun(second);
        JsonNode open = json(second.get("/api/dead-letters?limit=1000"));
        assertEquals(2 * BATCH, open.path("total").asInt(), "every claimed entry is open again: " + open);
        assertTrue(second.logText().contains("dead letter(s) claimed by a replay that did not end are open again"),
                second.logText());
        JsonNode runs = json(second.get("/api/runs?limit=10")).path("items");
        assertEquals("INTERRUPTED", runs.get(1).path("outcome").asText(), "the killed replay: " + runs);
        assertEquals("replay", runs.get(1).path("kind").asText(), runs.toString());

        HttpResponse<String> replay = second.postAsync("/api/dead-letters/replay?reason=REJECTED").get(60, TimeUnit.SECONDS);
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals(2 * BATCH, json(replay.body()).path("replayed").size(), replay.body());
        assertEquals(0, json(second.get("/api/dead-letters?limit=1000")).path("total").asInt());
        assertEquals(expectedPresenceByUser(Set.of()), actualPresenceByUser(), "every agent delivered, once");
        assertEquals(AGENTS, sandbox.genesys().counters().acceptedEvents());
    }

    private void assertDeadLettersAreTheRejectedAgents(ConnectorProcess connector, Set<String> rejectedAgents) {
        JsonNode deadLetters = json(connector.get("/api/dead-letters?limit=1000"));
        assertEquals(rejectedAgents.size(), deadLetters.path("total").asInt(), deadLetters.toString());
        Set<String> deadLetteredAgents = new HashSet<>();
        for (JsonNode entry : deadLetters.path("items")) {
            assertEquals("EVENT_REJECTED", entry.path("reason").asText(), entry.toString());
            assertTrue(entry.path("detail").asText().contains(entry.path("agentId").asText()), entry.toString());
            assertTrue(deadLetteredAgents.add(entry.path("agentId").asText()), "one entry per agent: " + entry);
            JsonNode shown = json(connector.get("/api/dead-letters/" + entry.path("id").asLong()));
            assertTrue(shown.path("event").path("eventId").asText().length() > 0, "the stored event is readable: " + shown);
            assertTrue(shown.path("attemptHistory").size() >= 1, "its attempts are readable: " + shown);
        }
        assertEquals(rejectedAgents, deadLetteredAgents);
    }

    /** Genesys Cloud answers 429 (Retry-After: the rest of the minute) after this many requests from now. */
    private void holdRunsAfter(int requests) {
        sandbox.genesys().setRateLimitPerMinute(requests);
        sandbox.genesys().restartRateWindows(Instant.now());
    }

    @Test
    void every_dead_letter_and_delivery_stored_before_a_kill_is_there_after_it() {
        // the connector's own stores on the connector's database settings, written without pause until killed
        ConnectorProcess writer = ConnectorProcess.start(StateWriter.class, List.of(jdbcUrl()), Map.of(), Map.of(),
                dir.resolve("writer.log"));
        processes.add(writer);
        Bounded.await(() -> acknowledged(writer, "delivered ").size() >= 100 || !writer.isAlive(), Duration.ofSeconds(60),
                "100 deliveries stored");
        assertTrue(writer.isAlive(), writer.logText());
        writer.kill();

        List<String> deadLetters = acknowledged(writer, "dead-letter ");
        List<String> deliveries = acknowledged(writer, "delivered ");
        StateFile state = StateFile.read(jdbcUrl());
        Set<String> storedDeadLetters = state.deadLetters().stream().map(entry -> Long.toString(entry.id()))
                .collect(Collectors.toSet());
        List<String> lostDeadLetters = deadLetters.stream().filter(id -> !storedDeadLetters.contains(id)).toList();
        List<String> lostDeliveries = deliveries.stream().filter(agent -> !state.deliveredEventIds().containsKey(agent))
                .toList();
        assertEquals(List.of(), lostDeadLetters, "dead letters stored before the kill (" + deadLetters.size() + ")");
        assertEquals(List.of(), lostDeliveries, "deliveries recorded before the kill (" + deliveries.size() + ")");
    }

    /** What the writer printed with this prefix, complete lines only (the kill may cut the last one). */
    private static List<String> acknowledged(ConnectorProcess writer, String prefix) {
        String text = writer.logText();
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        return complete.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }

    private void startSandbox(Consumer<SandboxSettings.Builder> settings) {
        SandboxSettings.Builder builder = SandboxSettings.builder().seed(11).legacyAgents(AGENTS).legacyChangeShare(0)
                .windowMode(WindowMode.OFF).latencySigma(0).rateLimitPerMinute(100_000);
        settings.accept(builder);
        sandbox = Sandbox.start(builder.build());
        try {
            sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every hundredth agent's user is unknown to Genesys Cloud; returns those agents. */
    private Set<String> rejectUnknownUsers() {
        return ConnectorHarness.rejectUnknownUsers(sandbox, AGENTS, REJECTED_EVERY);
    }

    private ConnectorProcess startConnector(Map<String, String> extra) {
        Map<String, String> p = new TreeMap<>(ConnectorHarness.targetSettings(sandbox, dir));
        p.put("wfm.schedule.run-at-startup", "true");
        p.put("wfm.schedule.startup-delay-ms", "0");
        p.put("wfm.retry.initial-delay-ms", "5");
        p.put("wfm.retry.max-delay-ms", "50");
        p.put("wfm.push.batch-size", Integer.toString(BATCH));
        p.put("wfm.push.max-concurrent", Integer.toString(MAX_CONCURRENT));
        p.put("wfm.push.initial-concurrent", Integer.toString(MAX_CONCURRENT));
        p.put("camel.management.port", Integer.toString(ConnectorHarness.freePort()));
        p.putAll(extra);
        ConnectorProcess process = ConnectorProcess.start(p,
                Map.of("GENESYS_CLIENT_SECRET", sandbox.settings().clientSecret()),
                dir.resolve("connector-" + (processes.size() + 1) + ".log"));
        processes.add(process);
        return process;
    }

    private String jdbcUrl() {
        return "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath();
    }

    /** Waits for the process's first run to end as SUCCEEDED, PARTIAL or FAILED; returns its summary. */
    private JsonNode awaitFinishedRun(ConnectorProcess connector) {
        JsonNode[] newest = new JsonNode[1];
        Bounded.await(() -> {
            if (!connector.isAlive()) {
                throw new AssertionError("the connector exited:\n" + connector.logText());
            }
            String body = connector.get("/api/runs?limit=1");
            JsonNode items = body == null ? null : json(body).path("items");
            newest[0] = items == null || items.isEmpty() ? null : items.get(0);
            return newest[0] != null && Set.of("SUCCEEDED", "PARTIAL", "FAILED").contains(newest[0].path("outcome").asText());
        }, Duration.ofSeconds(60), "a run to finish");
        return newest[0];
    }

    private Set<Long> deadLetterIds(ConnectorProcess connector) {
        String body = connector.get("/api/dead-letters?limit=1000");
        Set<Long> ids = new HashSet<>();
        if (body != null) {
            json(body).path("items").forEach(entry -> ids.add(entry.path("id").asLong()));
        }
        return ids;
    }

    private Map<String, String> expectedPresenceByUser(Set<String> rejectedAgents) {
        return ConnectorHarness.expectedPresenceByUser(sandbox, rejectedAgents);
    }

    private Map<String, String> actualPresenceByUser() {
        return ConnectorHarness.actualPresenceByUser(sandbox);
    }

    private JsonNode json(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}

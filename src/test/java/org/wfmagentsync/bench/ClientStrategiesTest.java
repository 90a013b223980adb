package org.wfmagentsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.sandbox.AgentTruth;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.PresenceDefinitions;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.sandbox.WindowMode;

/** The benchmark's client strategies (sleep per agent, JMeter linear backoff, official SDK) against the sandbox. */
class ClientStrategiesTest {

    private static final Duration NO_CAP = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void sleep_per_agent_sends_one_agent_a_second_and_stops_at_the_time_cap() throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(10).windowMode(WindowMode.OFF).build())) {
            Strategy.Outcome outcome = new SleepPerAgentStrategy()
                    .run(scenario(sandbox, Duration.ofMillis(2500)), target(sandbox));

            assertTrue(outcome.capped());
            assertEquals(3, outcome.eventsHandled());
            assertEquals(0, outcome.retries());
            assertEquals(3, sandbox.genesys().counters().requests());
            assertEquals(3, sandbox.genesys().state().size());
        }
    }

    @Test
    void sleep_per_agent_renews_the_token_on_401_but_does_not_resend_that_agent() throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(2).windowMode(WindowMode.OFF).build())) {
            sandbox.genesys().failNextRequests(1, 401, "authentication.required", Map.of());

            Strategy.Outcome outcome = new SleepPerAgentStrategy().run(scenario(sandbox, NO_CAP), target(sandbox));

            assertFalse(outcome.capped());
            assertEquals(2, outcome.eventsHandled());
            GenesysCounters counters = sandbox.genesys().counters();
            assertEquals(2, counters.requests());
            assertEquals(2, counters.tokensIssued());
            assertEquals(1, sandbox.genesys().state().size());
        }
    }

    @Test
    void linear_backoff_pool_delivers_everything_inside_the_window_by_retrying_409s_and_event_conflicts()
            throws Exception {
        SandboxSettings settings = settings(30).windowMode(WindowMode.ON).windowConcurrentLimit(5)
                .latencyMedianMs(50).latencySigma(0).build();
        try (Sandbox sandbox = Sandbox.start(settings)) {
            Strategy.Outcome outcome = new LinearBackoffPoolStrategy()
                    .run(scenario(sandbox, NO_CAP), target(sandbox));

            GenesysCounters counters = sandbox.genesys().counters();
            assertFalse(outcome.capped());
            assertEquals(30, outcome.eventsHandled());
            assertEquals(30, sandbox.genesys().state().size());
            assertTrue(counters.status(409) > 0, "20 threads against a limit of 5 must meet 409s");
            assertTrue(counters.perEventConflicts() > 0, "the seeded event ids draw some per-event conflicts");
            assertEquals(counters.status(409) + counters.status(429) + counters.perEventConflicts(),
                    outcome.retries());
            assertEquals(0, counters.duplicateEvents());
            assertTrue(counters.peakInFlight() <= 5);
        }
    }

    @Test
    void linear_backoff_pool_renews_the_token_once_on_401_and_resends() throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(5).windowMode(WindowMode.OFF).build())) {
            sandbox.genesys().failNextRequests(1, 401, "authentication.required", Map.of());

            Strategy.Outcome outcome = new LinearBackoffPoolStrategy()
                    .run(scenario(sandbox, NO_CAP), target(sandbox));

            assertFalse(outcome.capped());
            assertEquals(1, outcome.retries());
            assertEquals(5, sandbox.genesys().state().size());
            assertEquals(2, sandbox.genesys().counters().tokensIssued());
        }
    }

    @Test
    void linear_backoff_pool_stops_at_the_time_cap() throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(5).windowMode(WindowMode.OFF).build())) {
            sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 409, "SCHEDULE_CONFLICT", Map.of());

            long start = System.nanoTime();
            Strategy.Outcome outcome = new LinearBackoffPoolStrategy()
                    .run(scenario(sandbox, Duration.ofMillis(2500)), target(sandbox));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // first retry after 1-2 s, the second 2-3 s later: past the cap
            assertEquals(new Strategy.Outcome(true, 0, 5), outcome);
            assertEquals(10, sandbox.genesys().counters().requests());
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "stopped at the cap: " + took);
        }
    }

    @Test
    void official_sdk_delivers_250_agents_in_3_requests_when_nothing_conflicts() throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(250).windowMode(WindowMode.OFF).build())) {
            Strategy.Outcome outcome = new OfficialSdkStrategy().run(scenario(sandbox, NO_CAP), target(sandbox));

            assertEquals(new Strategy.Outcome(false, 250, 0), outcome);
            assertEquals(3, sandbox.genesys().counters().requests());
            assertEquals(250, sandbox.genesys().state().size());
        }
    }

    @Test
    void official_sdk_retries_a_429_itself() throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(100).windowMode(WindowMode.OFF).build())) {
            sandbox.genesys().failNextRequests(1, 429, "too.many.requests.retry.after", Map.of("Retry-After", "1"));

            long start = System.nanoTime();
            Strategy.Outcome outcome = new OfficialSdkStrategy().run(scenario(sandbox, NO_CAP), target(sandbox));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(new Strategy.Outcome(false, 100, 0), outcome);
            GenesysCounters counters = sandbox.genesys().counters();
            assertEquals(1, counters.status(429));
            assertEquals(1, counters.status(200));
            assertEquals(100, sandbox.genesys().state().size());
            // Retry-After honoured: 1 s, not the SDK's 3 s default for a 429 without the header
            assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0, "waited before retrying: " + took);
            assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "waited Retry-After, not 3 s: " + took);
        }
    }

    @Test
    void official_sdk_loses_a_409_batch_and_the_per_event_conflicts() throws Exception {
        SandboxSettings settings = settings(300).windowMode(WindowMode.ON).perEventConflictShare(0.15).build();
        try (Sandbox sandbox = Sandbox.start(settings)) {
            sandbox.genesys().failNextRequests(1, 409, "SCHEDULE_CONFLICT", Map.of());

            Strategy.Outcome outcome = new OfficialSdkStrategy().run(scenario(sandbox, NO_CAP), target(sandbox));

            GenesysCounters counters = sandbox.genesys().counters();
            assertEquals(new Strategy.Outcome(false, 300, 0), outcome);
            assertEquals(3, counters.requests());
            assertEquals(1, counters.status(409));
            assertTrue(counters.perEventConflicts() > 0);
            assertEquals(200 - counters.perEventConflicts(), sandbox.genesys().state().size());
        }
    }

    private static SandboxSettings.Builder settings(int agents) {
        return SandboxSettings.builder().seed(1).legacyAgents(agents).noLatency();
    }

    private static Scenario scenario(Sandbox sandbox, Duration timeCap) {
        SandboxSettings s = sandbox.settings();
        return new Scenario("test", s.legacyAgents(), s.windowMode() == WindowMode.ON, s.concurrentLimit(),
                s.windowConcurrentLimit(), s.rateLimitPerMinute(), s.perEventConflictShare(), s.latencyMedianMs(),
                s.latencySigma(), s.random5xxShare(), null, timeCap, s.seed());
    }

    private Target target(Sandbox sandbox) throws Exception {
        SandboxSettings s = sandbox.settings();
        Random ids = new Random(s.seed()); // random event ids, the same on every run
        List<Target.Event> events = new ArrayList<>();
        for (Map.Entry<String, AgentTruth> agent : sandbox.legacy().truth().entrySet()) {
            events.add(new Target.Event(new UUID(ids.nextLong(), ids.nextLong()).toString(),
                    agent.getValue().changedAt().toString(), SandboxUsers.userIdOf(agent.getKey()),
                    s.presenceSourceId(), PresenceDefinitions.AVAILABLE));
        }
        Path mapping = dir.resolve("agents.csv");
        sandbox.writeAgentMappingCsv(mapping);
        String genesys = sandbox.genesys().baseUrl();
        return new Target(genesys, genesys, s.clientId(), s.clientSecret(), s.presenceSourceId(),
                sandbox.legacy().agentsUrl(), mapping, List.copyOf(events));
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.RequestLogEntry;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * Inside the publishing window, presence and routing status share one client's limits (the window's
 * concurrent-session limit and the token's requests per minute, over both endpoints). On the same
 * seed and settings, a run of both kinds is compared with a run of presence alone: every event of
 * both kinds is delivered and equals the legacy truth, the shared limits are never exceeded, and the
 * requests refused for the limits (409 {@code SCHEDULE_CONFLICT} for the session limit, 429) are no
 * more than presence alone had, with nothing dead-lettered.
 *
 * <p>The per-event conflicts of the window are not counted as the connector's rejections: the sandbox
 * gives them to a share of events on their first attempt, whoever sends them, so twice the events get
 * about twice as many. The test checks that each kind got its share and that all were delivered.
 */
class RoutingStatusWindowTest {

    private static final int AGENTS = 1000;
    private static final int WINDOW_LIMIT = 3;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 4})
    void inside_the_window_both_kinds_share_the_limits_with_no_more_rejections_than_presence_alone(long seed) {
        Measured alone = run(seed, false);
        Measured both = run(seed, true);
        String figures = "presence alone: " + alone + "\nboth kinds: " + both;

        // every event of both kinds delivered, equal to the legacy truth, nothing dead-lettered or applied twice
        assertEquals(RunSummary.Outcome.SUCCEEDED, both.run.outcome(), figures);
        for (EventKind kind : EventKind.values()) {
            assertEquals(AGENTS, both.run.of(kind).delivered(), kind + ": " + figures);
            assertEquals(0, both.run.of(kind).deadLettered(), kind + ": " + figures);
        }
        assertTrue(both.presenceEqualsTruth, "presence per user equals the legacy truth");
        assertTrue(both.routingStatusEqualsTruth, "routing status per user equals the legacy truth");
        assertEquals(0, both.openDeadLetters, figures);
        assertEquals(0, both.counters.duplicateEvents() + both.counters.routingStatus().duplicateEvents(), figures);
        assertEquals(RunSummary.Outcome.SUCCEEDED, alone.run.outcome(), figures);
        assertTrue(alone.presenceEqualsTruth, "presence alone equals the legacy truth too");
        assertEquals(0, alone.openDeadLetters, figures);

        // it was the window: both kinds got per-event conflicts, and they were sent again and delivered
        assertTrue(both.counters.perEventConflicts() > 0 && both.counters.routingStatus().perEventConflicts() > 0,
                figures);
        assertTrue(both.run.of(EventKind.PRESENCE).retries() > 0 && both.run.of(EventKind.ROUTING_STATUS).retries() > 0,
                figures);

        // the two kinds were in flight together, so they really met the one limit; never more than it at once
        // (the sandbox refuses a request beyond it with a 409, so the peak is what was admitted and the 409s below
        // are what the connector tried beyond it)
        assertTrue(both.kindsInFlightTogether, "presence and routing-status requests overlapped: " + figures);
        assertTrue(both.counters.peakInFlight() <= WINDOW_LIMIT, figures);

        // refused for the shared limits: no more than presence alone, on both endpoints together
        assertTrue(both.counters.statusOfBoth(409) <= alone.counters.statusOfBoth(409), "409s: " + figures);
        assertTrue(both.counters.statusOfBoth(429) <= alone.counters.statusOfBoth(429), "429s: " + figures);
        assertEquals(both.counters.statusOfBoth(409), both.run.conflicts409(), "the run counts the 409s Genesys gave");
        assertEquals(both.counters.statusOfBoth(429), both.run.rateLimited429(), "and the 429s");
        // and each kind needed no more requests than presence alone did
        for (EventKind kind : EventKind.values()) {
            assertTrue(both.run.of(kind).requests() <= alone.run.requests(), kind + ": " + figures);
        }
    }

    private static Measured run(long seed, boolean bothKinds) {
        Map<String, String> properties = new HashMap<>(Map.of("wfm.push.max-concurrent", "5",
                // contention is random: enough retries that the test shows delivery, not bad luck
                "wfm.retry.max-redeliveries", "60", "wfm.window.mode", "on"));
        if (bothKinds) {
            properties.putAll(ConnectorHarness.BOTH_KINDS);
        }
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.seed(seed).legacyAgents(AGENTS)
                .windowMode(WindowMode.ON).windowConcurrentLimit(WINDOW_LIMIT).perEventConflictShare(0.15)
                .latencyMedianMs(15), properties)) {
            RunSummary run = harness.runOnce();
            List<RequestLogEntry> log = harness.sandbox.genesys().requestLog();
            return new Measured(run, harness.sandbox.genesys().counters(),
                    harness.expectedPresenceByUser().equals(harness.actualPresenceByUser()),
                    !bothKinds || harness.expectedRoutingStatusByUser().equals(harness.actualRoutingStatusByUser()),
                    harness.openDeadLetters().size(), kindsInFlightTogether(log));
        }
    }

    /**
     * Whether an admitted presence request and an admitted routing-status request were in flight together
     * for at least a millisecond (the log's times are taken just outside the sandbox's slot, so a mere touch
     * does not count).
     */
    private static boolean kindsInFlightTogether(List<RequestLogEntry> log) {
        List<RequestLogEntry> admitted = admitted(log);
        for (RequestLogEntry presence : admitted) {
            if (!presence.kind().equals(RequestLogEntry.PRESENCE)) {
                continue;
            }
            for (RequestLogEntry routing : admitted) {
                if (routing.kind().equals(RequestLogEntry.ROUTING_STATUS)
                        && overlapNanos(presence, routing) >= 1_000_000) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<RequestLogEntry> admitted(List<RequestLogEntry> log) {
        return log.stream().filter(entry -> entry.status() != 409 && entry.status() != 429).toList();
    }

    private static long overlapNanos(RequestLogEntry a, RequestLogEntry b) {
        Instant from = a.arrivalInstant().isAfter(b.arrivalInstant()) ? a.arrivalInstant() : b.arrivalInstant();
        Instant to = a.answeredInstant().isBefore(b.answeredInstant()) ? a.answeredInstant() : b.answeredInstant();
        return Duration.between(from, to).toNanos();
    }

    private record Measured(RunSummary run, GenesysCounters counters, boolean presenceEqualsTruth,
                            boolean routingStatusEqualsTruth, int openDeadLetters,
                            boolean kindsInFlightTogether) {
        @Override
        public String toString() {
            return "requests " + counters.requests() + "+" + counters.routingStatus().requests() + ", 409 "
                    + counters.statusOfBoth(409) + ", 429 " + counters.statusOfBoth(429) + ", per-event conflicts "
                    + counters.perEventConflicts() + "+" + counters.routingStatus().perEventConflicts()
                    + ", peak in flight " + counters.peakInFlight() + ", kinds in flight together " + kindsInFlightTogether + ", dead letters " + openDeadLetters + "; "
                    + run.toLogLine();
        }
    }
}

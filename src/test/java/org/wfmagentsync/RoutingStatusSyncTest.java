package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.RequestLogEntry;

/**
 * With the shipped states.csv, a state becomes a presence and a routing status: a run delivers both
 * for every mappable agent, each kind in requests of its own, and Genesys Cloud's presence and routing
 * status both equal the legacy truth.
 */
class RoutingStatusSyncTest {

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
            assertEquals(List.of(3L, 3L), List.of(log.stream().filter(r -> r.kind().equals(RequestLogEntry.PRESENCE)).count(),
                    log.stream().filter(r -> r.kind().equals(RequestLogEntry.ROUTING_STATUS)).count()));
            assertTrue(log.stream().allMatch(request -> request.status() == 200 && request.eventCount() >= 1
                    && request.eventCount() <= 100), log.toString());
            assertTrue(harness.openDeadLetters().isEmpty());
        }
    }
}

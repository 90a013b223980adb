package org.wfmagentsync.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.wfmagentsync.deadletter.DeadLetterStore;
import org.wfmagentsync.mapping.PresenceEvent;
import org.wfmagentsync.run.RunTracker;

/**
 * Keeps only the agents whose state differs from the last one delivered. An event that already
 * has an open dead letter is left for replay rather than sent again every run.
 */
public class ChangeDetector {

    private final DeliveredStateStore delivered;
    private final DeadLetterStore deadLetters;
    private final RunTracker runs;

    public ChangeDetector(DeliveredStateStore delivered, DeadLetterStore deadLetters, RunTracker runs) {
        this.delivered = delivered;
        this.deadLetters = deadLetters;
        this.runs = runs;
    }

    @Handler
    public List<PresenceEvent> changed(List<PresenceEvent> events, Exchange exchange) {
        Map<String, String> last = delivered.deliveredStates();
        Set<String> parked = deadLetters.openEventIds();
        List<PresenceEvent> changed = new ArrayList<>();
        for (PresenceEvent event : events) {
            if (!DeliveredStateStore.fingerprint(event).equals(last.get(event.agentId())) && !parked.contains(event.eventId())) {
                changed.add(event);
            }
        }
        runs.changed(RunTracker.runId(exchange), changed.size());
        return changed;
    }
}

package org.wfmagentsync.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.wfmagentsync.mapping.PresenceEvent;
import org.wfmagentsync.run.RunTracker;

/**
 * Keeps only the agents whose state differs from the last one delivered. An update that was
 * dead-lettered was not delivered, so it is sent again by the next run: every agent's latest state
 * keeps being pushed until Genesys Cloud has it.
 */
public class ChangeDetector {

    private final DeliveredStateStore delivered;
    private final RunTracker runs;

    public ChangeDetector(DeliveredStateStore delivered, RunTracker runs) {
        this.delivered = delivered;
        this.runs = runs;
    }

    @Handler
    public List<PresenceEvent> changed(List<PresenceEvent> events, Exchange exchange) {
        Map<String, String> last = delivered.deliveredStates();
        List<PresenceEvent> changed = new ArrayList<>();
        for (PresenceEvent event : events) {
            if (!DeliveredStateStore.fingerprint(event).equals(last.get(event.agentId()))) {
                changed.add(event);
            }
        }
        runs.changed(RunTracker.runId(exchange), changed.size());
        return changed;
    }
}

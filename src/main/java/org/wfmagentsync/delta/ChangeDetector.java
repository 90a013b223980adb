package org.wfmagentsync.delta;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;
import org.wfmagentsync.support.OnePass;

/**
 * Keeps only the agents whose state differs from the last one delivered. An update Genesys Cloud
 * already failed is left in the dead-letter store for an operator to replay, unless automatic
 * re-drive is on and its cause is a passing one (capacity, outage, credentials). A newer state of
 * the same agent is always sent, and closes the older entry as superseded once delivered.
 */
public class ChangeDetector {

    private final DeliveredStateStore delivered;
    private final DeadLetterStore deadLetters;
    private final List<DeadLetterReason> parkedReasons;
    private final RunEvents runs;

    public ChangeDetector(DeliveredStateStore delivered, DeadLetterStore deadLetters, boolean redrive, RunEvents runs) {
        this.delivered = delivered;
        this.deadLetters = deadLetters;
        this.parkedReasons = Arrays.stream(DeadLetterReason.values())
                .filter(reason -> reason.fromPush() && !(redrive && reason.passing())).toList();
        this.runs = runs;
    }

    /**
     * Keeps each event that changes something when the sequence reaches it; what was delivered and
     * what is parked are read once, at the call. The run's count of changes is known at the end.
     */
    @Handler
    public OnePass<StatusEvent> changed(Iterable<StatusEvent> events, @ExchangeProperty(RunEvents.RUN_ID) String runId) {
        Map<String, String> last = delivered.deliveredStates();
        Set<String> parked = new HashSet<>(deadLetters.openEventIds(parkedReasons));
        return OnePass.of(events,
                event -> DeliveredStateStore.fingerprint(event).equals(last.get(event.agentId()))
                        || parked.contains(event.eventId()) ? null : event,
                count -> runs.changed(runId, count));
    }
}

package org.wfmagentsync.delta;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;
import org.wfmagentsync.support.OnePass;

/**
 * Keeps only the events whose state differs from the last one delivered of their kind: presence and
 * routing status each have their own baseline. An update Genesys Cloud already failed is left in the
 * dead-letter store for an operator to replay, unless automatic re-drive is on and its cause is a
 * passing one (capacity, outage, credentials). A newer state of the same agent and kind is always
 * sent, and closes the older entry as superseded once delivered: also when it equals the delivered
 * state, since what Genesys Cloud holds after a failed attempt is not known for sure (a request that
 * timed out may have been applied), and the entry must not be replayed over it later.
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
     * what is parked are read once, at the call. The run's count of changes of each kind is known at the end.
     */
    @Handler
    public OnePass<StatusEvent> changed(Iterable<StatusEvent> events, @ExchangeProperty(RunEvents.RUN_ID) String runId) {
        Map<EventKind, Map<String, String>> last = new EnumMap<>(EventKind.class);
        Map<EventKind, Map<String, OffsetDateTime>> unsettled = new EnumMap<>(EventKind.class);
        Map<EventKind, AtomicLong> counts = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            last.put(kind, delivered.deliveredStates(kind));
            unsettled.put(kind, deadLetters.latestOpenFromPush(kind));
            counts.put(kind, new AtomicLong());
        }
        Set<String> parked = new HashSet<>(deadLetters.openEventIds(parkedReasons));
        return OnePass.of(events, event -> {
            if (!changes(event, last.get(event.kind()), unsettled.get(event.kind()), parked)) {
                return null;
            }
            counts.get(event.kind()).incrementAndGet();
            return event;
        }, total -> counts.forEach((kind, count) -> runs.changed(runId, kind, count.get())));
    }

    private static boolean changes(StatusEvent event, Map<String, String> last, Map<String, OffsetDateTime> unsettled,
            Set<String> parked) {
        if (parked.contains(event.eventId())) {
            return false;
        }
        if (!DeliveredStateStore.fingerprint(event).equals(last.get(event.agentId()))) {
            return true;
        }
        OffsetDateTime failedSince = unsettled.get(event.agentId());
        return failedSince != null && !OffsetDateTime.parse(event.eventDateTime()).isBefore(failedSince);
    }
}

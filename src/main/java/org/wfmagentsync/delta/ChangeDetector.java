package org.wfmagentsync.delta;

import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import org.wfmagentsync.model.Timestamps;
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

    /** How many events' baseline is looked up at once. */
    static final int LOOKUP_CHUNK = 500;

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
     * Keeps each event that changes something when the sequence reaches it. What was delivered, and
     * what is parked or failed in the dead-letter store, is looked up {@value #LOOKUP_CHUNK} events at
     * a time as they come, never read whole, so memory does not grow with the number of agents. The
     * run's count of changes of each kind is known at the end.
     */
    @Handler
    public OnePass<StatusEvent> changed(Iterable<StatusEvent> events, @ExchangeProperty(RunEvents.RUN_ID) String runId) {
        Map<EventKind, AtomicLong> counts = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            counts.put(kind, new AtomicLong());
        }
        // most runs have no failed update open: then the dead-letter store is not asked per chunk
        boolean anyFailed = deadLetters.anyOpenFromPush();
        Iterable<StatusEvent> kept = OnePass.flat(OnePass.chunks(events, LOOKUP_CHUNK), chunk -> {
            Set<String> agents = new HashSet<>();
            chunk.forEach(event -> agents.add(event.agentId()));
            Map<EventKind, Map<String, String>> last = delivered.deliveredStates(agents);
            Map<EventKind, Map<String, OffsetDateTime>> unsettled = anyFailed ? deadLetters.latestOpenFromPush(agents)
                    : Map.of();
            Set<String> parked = anyFailed ? deadLetters.openEventIds(parkedReasons,
                    chunk.stream().map(StatusEvent::eventId).toList()) : Set.of();
            List<StatusEvent> changed = new ArrayList<>(chunk.size());
            for (StatusEvent event : chunk) {
                if (changes(event, last.get(event.kind()), unsettled.getOrDefault(event.kind(), Map.of()), parked)) {
                    counts.get(event.kind()).incrementAndGet();
                    changed.add(event);
                }
            }
            return changed;
        });
        return OnePass.of(kept, event -> event, total -> counts.forEach((kind, count) -> runs.changed(runId, kind,
                count.get())));
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
        return failedSince != null && !Timestamps.parse(event.eventDateTime()).isBefore(failedSince);
    }
}

package org.wfmagentsync.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;

/**
 * Replays dead letters through the normal push path (the {@code replay} route sends what this
 * returns to {@code direct:push-events}, so limits, retries and dead-lettering apply as in a run).
 * Never sends an agent back to an older state of the entry's kind (a newer presence says nothing
 * about the routing status, and the other way round), and never sends the same entry twice at once.
 */
public class Replayer {

    /** The exchange property holding the ids asked for and the entries claimed. */
    static final String PROPERTY = "wfmReplay";
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    private final DeadLetterStore store;
    private final DeliveredStateStore delivered;
    private final EventJson eventJson;

    public Replayer(DeadLetterStore store, DeliveredStateStore delivered, EventJson eventJson) {
        this.store = store;
        this.delivered = delivered;
        this.eventJson = eventJson;
    }

    /** The work of one replay: ids asked for, entries taken, entries skipped. */
    static final class Work {
        final List<Long> requested;
        final List<DeadLetter> claimed = new ArrayList<>();
        final List<ReplayResult.Skipped> skipped = new ArrayList<>();

        Work(List<Long> requested) {
            this.requested = requested;
        }
    }

    /** Claims what may be sent and returns it as events of each entry's kind; the body becomes the events to push. */
    public List<StatusEvent> claim(List<Long> ids, Exchange exchange) {
        Work work = new Work(ids);
        exchange.setProperty(PROPERTY, work);
        Map<AgentKind, DeadLetter> newestPerAgent = newestPerAgent(ids);
        List<StatusEvent> events = new ArrayList<>();
        for (long id : ids) {
            Optional<DeadLetter> found = store.find(id);
            String why = found.isEmpty() ? "no dead letter " + id : refusal(found.get(), newestPerAgent);
            if (why == null && !store.claim(id)) {
                why = "another replay is sending it, or it was closed a moment ago";
            }
            if (why != null) {
                work.skipped.add(new ReplayResult.Skipped(id, why));
                continue;
            }
            DeadLetter entry = found.get();
            work.claimed.add(entry);
            events.add(event(entry));
        }
        LOG.info("replay of {} entr(ies): {} to send, {} skipped", ids.size(), events.size(), work.skipped.size());
        return events;
    }

    /** After the push: what became of each claimed entry; anything still claimed is given back. */
    public ReplayResult conclude(Exchange exchange) {
        Work work = exchange.getProperty(PROPERTY, Work.class);
        if (work == null) {
            Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            throw new IllegalStateException(failure == null ? "replay did not start" : failure.getMessage());
        }
        List<ReplayResult.Replayed> replayed = new ArrayList<>();
        List<Long> unfinished = new ArrayList<>();
        for (DeadLetter entry : work.claimed) {
            DeadLetter now = store.find(entry.id()).orElse(entry);
            if (now.status() == DeadLetterStatus.REPLAYING) {
                unfinished.add(entry.id());
            }
            replayed.add(new ReplayResult.Replayed(entry.id(), entry.kind(), entry.agentId(), entry.eventId(),
                    now.status() == DeadLetterStatus.REPLAYING ? DeadLetterStatus.OPEN : now.status(),
                    now.status() == DeadLetterStatus.REPLAYED ? null : now.reason() + ": " + now.detail()));
        }
        store.release(unfinished);
        return new ReplayResult(exchange.getProperty(RunEvents.RUN_ID, String.class), work.requested.size(), replayed, work.skipped);
    }

    /** Why an entry must not be sent, or null when it may. Stale entries are closed as superseded on the way. */
    private String refusal(DeadLetter entry, Map<AgentKind, DeadLetter> newestPerAgent) {
        if (entry.status() != DeadLetterStatus.OPEN) {
            return "status " + entry.status() + (entry.closeNote() == null ? "" : " (" + entry.closeNote() + ")");
        }
        if (!entry.reason().fromPush() || entry.kind() == null) {
            return entry.reason() + " is not an event Genesys Cloud saw: fix the mapping or the legacy record;"
                    + " the next run picks the agent up";
        }
        Optional<OffsetDateTime> deliveredChange = delivered.deliveredChangeOf(entry.agentId(), entry.kind());
        if (deliveredChange.isPresent() && deliveredChange.get().isAfter(entry.eventTime())) {
            String note = "a newer " + entry.kind().words() + " of agent " + entry.agentId() + " (changed "
                    + deliveredChange.get() + ") was delivered";
            store.close(entry.id(), DeadLetterStatus.SUPERSEDED, note);
            return "SUPERSEDED: " + note;
        }
        DeadLetter newest = newestPerAgent.get(new AgentKind(entry.agentId(), entry.kind()));
        if (newest != null && newest.id() != entry.id() && newest.eventTime().isAfter(entry.eventTime())) {
            String note = "entry " + newest.id() + " holds a newer " + entry.kind().words() + " of agent "
                    + entry.agentId();
            store.close(entry.id(), DeadLetterStatus.SUPERSEDED, note);
            return "SUPERSEDED: " + note;
        }
        return null;
    }

    /** An agent and a kind of event: a replay compares entries of the same two only. */
    private record AgentKind(String agentId, EventKind kind) {
    }

    /** Per agent and kind, the newest open push entry among those asked for and those still open in the store. */
    private Map<AgentKind, DeadLetter> newestPerAgent(List<Long> ids) {
        Map<AgentKind, DeadLetter> newest = new HashMap<>();
        for (long id : ids) {
            store.find(id).filter(entry -> entry.reason().fromPush() && entry.kind() != null && entry.eventTime() != null)
                    .ifPresent(entry -> {
                        for (DeadLetter other : store.openOfAgent(entry.agentId(), entry.kind())) {
                            if (other.reason().fromPush() && other.eventTime() != null) {
                                newest.merge(new AgentKind(other.agentId(), other.kind()), other,
                                        (held, next) -> next.eventTime().isAfter(held.eventTime()) ? next : held);
                            }
                        }
                    });
        }
        return newest;
    }

    private StatusEvent event(DeadLetter entry) {
        try {
            return eventJson.read(entry.kind(), entry.eventJson(), entry.agentId(), entry.stateKey());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("dead letter " + entry.id() + " holds an unreadable event: " + e.getMessage(), e);
        }
    }
}

package org.wfmagentsync.sandbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies one event endpoint's events per user: validation, eventId de-duplication, retryable
 * conflicts on first attempts inside the publishing window, newest-wins. Presence and routing
 * status each have one, with its own state and counters; {@link #presences} and
 * {@link #routingStatuses} say what differs.
 *
 * @param <E> the event as received
 * @param <S> what the simulator holds per user
 */
final class EventStore<E extends IncomingStatusEvent, S> {

    /** The statuses {@code POST /api/v2/events/users/routingstatus} takes, spelt as it takes them. */
    static final List<String> ROUTING_STATUSES = List.of("OffQueue", "Idle", "Interacting", "Communicating",
            "NotResponding");

    /** What the simulator holds once an event is applied: its value, the event's id and time, when it was applied. */
    interface Holding<S> {
        S of(String value, String eventId, Instant eventDateTime, Instant appliedAt);
    }

    private final GenesysKnobs knobs;
    private final GenesysMetrics metrics;
    private final SeededDraws draws;
    private final OrgUsers users;
    private final PresenceSourceStore sources;
    /** The endpoint's required fields, as its refusal names them. */
    private final String required;
    /** Why the org does not take the event's value (an unknown presence definition, status), if it does not. */
    private final Function<String, Optional<String>> valueRefusal;
    private final Holding<S> holding;
    private final Function<S, Instant> heldSince;
    private final Map<String, S> byUser = new HashMap<>();
    /** eventIds that were applied or found stale: sending one again is a duplicate. */
    private final Set<String> processed = new HashSet<>();
    /** eventIds that got past validation at least once: only a first attempt can draw a window conflict. */
    private final Set<String> seen = new HashSet<>();

    private EventStore(GenesysKnobs knobs, GenesysMetrics metrics, SeededDraws draws, OrgUsers users,
            PresenceSourceStore sources, String required, Function<String, Optional<String>> valueRefusal,
            Holding<S> holding, Function<S, Instant> heldSince) {
        this.knobs = knobs;
        this.metrics = metrics;
        this.draws = draws;
        this.users = users;
        this.sources = sources;
        this.required = required;
        this.valueRefusal = valueRefusal;
        this.holding = holding;
        this.heldSince = heldSince;
    }

    /** Presence events: the definition must be one of the org's, active. */
    static EventStore<IncomingEvent, UserPresence> presences(GenesysKnobs knobs, GenesysMetrics metrics, SeededDraws draws,
            OrgUsers users, OrgPresences presences, PresenceSourceStore sources) {
        return new EventStore<>(knobs, metrics, draws, users, sources,
                "eventId, eventDateTime, userId, sourceId and presenceDefinitionId are required", presences::refusal,
                UserPresence::new, UserPresence::eventDateTime);
    }

    /** Routing-status events: the status must be one the endpoint takes, spelt as it takes it. */
    static EventStore<IncomingRoutingStatusEvent, UserRoutingStatus> routingStatuses(GenesysKnobs knobs,
            GenesysMetrics metrics, SeededDraws draws, OrgUsers users, PresenceSourceStore sources) {
        return new EventStore<>(knobs, metrics, draws, users, sources,
                "eventId, eventDateTime, agentId, sourceId and status are required",
                status -> ROUTING_STATUSES.contains(status) ? Optional.empty()
                        : Optional.of("status " + status + " is not one of " + String.join(", ", ROUTING_STATUSES)),
                UserRoutingStatus::new, UserRoutingStatus::eventDateTime);
    }

    /**
     * Processes one batch; returns the per-event errors. One lock for the batch is fine: the work is microseconds
     * and the simulated latency happens before, outside it.
     */
    synchronized List<EventError> apply(List<E> events, boolean windowActive, Instant now) {
        List<EventError> errors = new ArrayList<>();
        double conflictShare = knobs.perEventConflictShare;
        for (E event : events) {
            Optional<String> invalid = validate(event);
            if (invalid.isPresent()) {
                metrics.perEventRejections.increment();
                errors.add(new EventError(event.eventId(), invalid.get(), false));
                continue;
            }
            String eventId = event.eventId();
            if (processed.contains(eventId)) {
                metrics.duplicateEvents.increment();
                continue; // idempotent: a repeated eventId is acknowledged, not applied again
            }
            boolean firstAttempt = seen.add(eventId);
            if (windowActive && firstAttempt && draws.uniform(SeededDraws.Purpose.CONFLICT, eventId) < conflictShare) {
                metrics.perEventConflicts.increment();
                errors.add(new EventError(eventId, "SCHEDULE_CONFLICT: the user's schedule is being published;"
                        + " retry the event", true));
                continue;
            }
            processed.add(eventId);
            Instant at = parseInstant(event.eventDateTime());
            S held = byUser.get(event.userId());
            if (held != null && at.isBefore(heldSince.apply(held))) {
                metrics.staleEvents.increment();
                continue;
            }
            byUser.put(event.userId(), holding.of(event.value(), eventId, at, now));
            metrics.acceptedEvents.increment();
        }
        return errors;
    }

    synchronized Optional<S> of(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    synchronized Map<String, S> snapshot() {
        return Map.copyOf(byUser);
    }

    private Optional<String> validate(E event) {
        if (isBlank(event.eventId()) || isBlank(event.eventDateTime()) || isBlank(event.userId())
                || isBlank(event.sourceId()) || isBlank(event.value())) {
            return Optional.of(required);
        }
        if (parseInstant(event.eventDateTime()) == null) {
            return Optional.of("eventDateTime is not an ISO-8601 date-time with offset: " + event.eventDateTime());
        }
        if (!sources.isActive(event.sourceId())) {
            return Optional.of("sourceId " + event.sourceId() + " is not a presence source of this organization");
        }
        Optional<String> refused = valueRefusal.apply(event.value());
        if (refused.isPresent()) {
            return refused;
        }
        Set<String> known = knobs.knownUsers;
        if (known != null && !known.contains(event.userId()) || users.isRemoved(event.userId())) {
            return Optional.of("user not found: " + event.userId());
        }
        return Optional.empty();
    }

    private static Instant parseInstant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

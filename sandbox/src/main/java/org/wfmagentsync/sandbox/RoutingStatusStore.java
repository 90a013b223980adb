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

/**
 * Applies routing-status events per user, as {@link PresenceStore} does presence events: validation,
 * eventId de-duplication, retryable conflicts on first attempts inside the publishing window,
 * newest-wins. Its own state and counters.
 */
final class RoutingStatusStore {

    /** The statuses {@code POST /api/v2/events/users/routingstatus} takes, spelt as it takes them. */
    static final List<String> STATUSES = List.of("OffQueue", "Idle", "Interacting", "Communicating", "NotResponding");

    private final GenesysKnobs knobs;
    private final GenesysMetrics metrics;
    private final SeededDraws draws;
    private final OrgUsers users;
    private final PresenceSourceStore sources;
    private final Map<String, UserRoutingStatus> byUser = new HashMap<>();
    /** eventIds that were applied or found stale: sending one again is a duplicate. */
    private final Set<String> processed = new HashSet<>();
    /** eventIds that got past validation at least once: only a first attempt can draw a window conflict. */
    private final Set<String> seen = new HashSet<>();

    RoutingStatusStore(GenesysKnobs knobs, GenesysMetrics metrics, SeededDraws draws, OrgUsers users,
            PresenceSourceStore sources) {
        this.knobs = knobs;
        this.metrics = metrics;
        this.draws = draws;
        this.users = users;
        this.sources = sources;
    }

    /** Processes one batch; returns the per-event errors. */
    synchronized List<EventError> apply(List<IncomingRoutingStatusEvent> events, boolean windowActive, Instant now) {
        List<EventError> errors = new ArrayList<>();
        double conflictShare = knobs.perEventConflictShare;
        for (IncomingRoutingStatusEvent event : events) {
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
            UserRoutingStatus held = byUser.get(event.agentId());
            if (held != null && at.isBefore(held.eventDateTime())) {
                metrics.staleEvents.increment();
                continue;
            }
            byUser.put(event.agentId(), new UserRoutingStatus(event.status(), eventId, at, now));
            metrics.acceptedEvents.increment();
        }
        return errors;
    }

    synchronized Optional<UserRoutingStatus> routingStatusOf(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    synchronized Map<String, UserRoutingStatus> snapshot() {
        return Map.copyOf(byUser);
    }

    private Optional<String> validate(IncomingRoutingStatusEvent event) {
        if (isBlank(event.eventId()) || isBlank(event.eventDateTime()) || isBlank(event.agentId())
                || isBlank(event.sourceId()) || isBlank(event.status())) {
            return Optional.of("eventId, eventDateTime, agentId, sourceId and status are required");
        }
        if (parseInstant(event.eventDateTime()) == null) {
            return Optional.of("eventDateTime is not an ISO-8601 date-time with offset: " + event.eventDateTime());
        }
        if (!sources.isActive(event.sourceId())) {
            return Optional.of("sourceId " + event.sourceId() + " is not a presence source of this organization");
        }
        if (!STATUSES.contains(event.status())) {
            return Optional.of("status " + event.status() + " is not one of " + String.join(", ", STATUSES));
        }
        Set<String> known = knobs.knownUsers;
        if (known != null && !known.contains(event.agentId()) || users.isRemoved(event.agentId())) {
            return Optional.of("user not found: " + event.agentId());
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

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

/** Applies presence events per user: validation, eventId de-duplication, window conflicts, newest-wins. */
final class PresenceStore {

    private final GenesysKnobs knobs;
    private final GenesysMetrics metrics;
    private final SeededDraws draws;
    private final OrgUsers users;
    private final OrgPresences presences;
    private final PresenceSourceStore sources;
    private final Map<String, UserPresence> byUser = new HashMap<>();
    /** eventIds that were applied or found stale: sending one again is a duplicate. */
    private final Set<String> processed = new HashSet<>();
    /** eventIds that got past validation at least once: only a first attempt can draw a window conflict. */
    private final Set<String> seen = new HashSet<>();

    PresenceStore(GenesysKnobs knobs, GenesysMetrics metrics, SeededDraws draws, OrgUsers users, OrgPresences presences,
            PresenceSourceStore sources) {
        this.knobs = knobs;
        this.metrics = metrics;
        this.draws = draws;
        this.users = users;
        this.presences = presences;
        this.sources = sources;
    }

    /**
     * Processes one batch; returns the per-event errors. One lock for the batch is fine: the work is microseconds
     * and the simulated latency happens before, outside it.
     */
    synchronized List<EventError> apply(List<IncomingEvent> events, boolean windowActive, Instant now) {
        List<EventError> errors = new ArrayList<>();
        double conflictShare = knobs.perEventConflictShare;
        for (IncomingEvent event : events) {
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
            UserPresence held = byUser.get(event.userId());
            if (held != null && at.isBefore(held.eventDateTime())) {
                metrics.staleEvents.increment();
                continue;
            }
            byUser.put(event.userId(), new UserPresence(event.presenceDefinitionId(), eventId, at, now));
            metrics.acceptedEvents.increment();
        }
        return errors;
    }

    synchronized Optional<UserPresence> presenceOf(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    synchronized Map<String, UserPresence> snapshot() {
        return Map.copyOf(byUser);
    }

    private Optional<String> validate(IncomingEvent event) {
        if (isBlank(event.eventId()) || isBlank(event.eventDateTime()) || isBlank(event.userId())
                || isBlank(event.sourceId()) || isBlank(event.presenceDefinitionId())) {
            return Optional.of("eventId, eventDateTime, userId, sourceId and presenceDefinitionId are required");
        }
        if (parseInstant(event.eventDateTime()) == null) {
            return Optional.of("eventDateTime is not an ISO-8601 date-time with offset: " + event.eventDateTime());
        }
        if (!sources.isActive(event.sourceId())) {
            return Optional.of("sourceId " + event.sourceId() + " is not a presence source of this organization");
        }
        Optional<String> definition = presences.refusal(event.presenceDefinitionId());
        if (definition.isPresent()) {
            return definition;
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

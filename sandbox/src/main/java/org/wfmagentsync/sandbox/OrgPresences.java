package org.wfmagentsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox org's presence definitions: the system ones ({@link PresenceDefinitions}), the org's
 * own (a Lunch under Meal, labelled in English and French, a Coaching under Meeting, a Back office
 * under Busy) and one the org deactivated (Smoke break, under Break); tests may add more.
 */
public final class OrgPresences {

    /** The org's own definitions, with fixed ids. */
    public static final String LUNCH = idFor("Lunch");
    public static final String COACHING = idFor("Coaching");
    public static final String BACK_OFFICE = idFor("Back office");
    /** Deactivated: listed with {@code deactivated=true}, refused in a presence event. */
    public static final String SMOKE_BREAK = idFor("Smoke break");

    /** The home division of the org's own definitions. */
    public static final String HOME_DIVISION = UUID.nameUUIDFromBytes("sandbox-division:Home".getBytes(StandardCharsets.UTF_8))
            .toString();

    private final List<OrgPresence> definitions = new ArrayList<>();

    OrgPresences() {
        PresenceDefinitions.all().forEach((name, id) -> definitions.add(new OrgPresence(id, PresenceDefinitions.labelOf(name),
                "System", Map.of("en_US", PresenceDefinitions.labelOf(name)), PresenceDefinitions.systemPresenceOf(name), "*",
                false)));
        definitions.add(own(LUNCH, Map.of("en_US", "Lunch", "fr", "D\u00e9jeuner"), "Meal", false));
        definitions.add(own(COACHING, Map.of("en_US", "Coaching"), "Meeting", false));
        definitions.add(own(BACK_OFFICE, Map.of("en_US", "Back office"), "Busy", false));
        definitions.add(own(SMOKE_BREAK, Map.of("en_US", "Smoke break"), "Break", true));
    }

    /** Adds one of the org's own definitions, labelled in English; returns its id. */
    synchronized String add(String label, String systemPresence, boolean deactivated) {
        String id = UUID.randomUUID().toString();
        definitions.add(own(id, Map.of("en_US", label), systemPresence, deactivated));
        return id;
    }

    /** The definitions, active or deactivated as asked. */
    synchronized List<OrgPresence> listed(boolean deactivated) {
        return definitions.stream().filter(definition -> definition.deactivated() == deactivated).toList();
    }

    /** Why a presence event may not set this definition, if it may not. */
    synchronized Optional<String> refusal(String id) {
        String wanted = id == null ? "" : id.toLowerCase(Locale.ROOT);
        Optional<OrgPresence> definition = definitions.stream().filter(candidate -> candidate.id().equals(wanted)).findFirst();
        if (definition.isEmpty()) {
            return Optional.of("presenceDefinitionId " + id + " was not found");
        }
        return definition.get().deactivated() ? Optional.of("presenceDefinitionId " + id + " is deactivated")
                : Optional.empty();
    }

    private static OrgPresence own(String id, Map<String, String> labels, String systemPresence, boolean deactivated) {
        return new OrgPresence(id, labels.getOrDefault("en_US", id), "User", new LinkedHashMap<>(labels), systemPresence,
                HOME_DIVISION, deactivated);
    }

    private static String idFor(String name) {
        return UUID.nameUUIDFromBytes(("sandbox-presence:custom:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

package org.wfmagentsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox org's system presence definitions, one per Genesys system presence, with fixed ids that
 * configuration files can reference. {@link OrgPresences} adds the org's custom ones.
 */
public final class PresenceDefinitions {

    public static final String AVAILABLE = idFor("AVAILABLE");
    public static final String AWAY = idFor("AWAY");
    public static final String BREAK = idFor("BREAK");
    public static final String BUSY = idFor("BUSY");
    public static final String MEAL = idFor("MEAL");
    public static final String MEETING = idFor("MEETING");
    public static final String TRAINING = idFor("TRAINING");
    public static final String ON_QUEUE = idFor("ON_QUEUE");
    public static final String OFFLINE = idFor("OFFLINE");
    public static final String IDLE = idFor("IDLE");

    private static final Map<String, String> ID_BY_NAME = byName();
    private static final Map<String, String> NAME_BY_ID = byId(ID_BY_NAME);

    private PresenceDefinitions() {
    }

    /** All definitions, system presence name to id, in declaration order. */
    public static Map<String, String> all() {
        return ID_BY_NAME;
    }

    /** The id of a system presence name (case-insensitive), if the sandbox defines it. */
    public static Optional<String> idOf(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ID_BY_NAME.get(name.trim().toUpperCase(Locale.ROOT)));
    }

    /** The id of a system presence name, or an exception naming the known ones. */
    public static String requireIdOf(String name) {
        return idOf(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown system presence '" + name + "', known: " + ID_BY_NAME.keySet()));
    }

    /** The system presence name of an id, if the id is one of the sandbox's definitions. */
    public static Optional<String> nameOf(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(NAME_BY_ID.get(id.toLowerCase(Locale.ROOT)));
    }

    /** True when the id is one of the sandbox's definitions. */
    public static boolean isValid(String id) {
        return nameOf(id).isPresent();
    }

    /** The {@code systemPresence} Genesys writes for a name of {@link #all()}, e.g. {@code ON_QUEUE} is {@code OnQueue}. */
    public static String systemPresenceOf(String name) {
        StringBuilder wire = new StringBuilder();
        for (String word : name.split("_")) {
            wire.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return wire.toString();
    }

    /** The label Genesys shows for a name of {@link #all()}, e.g. {@code ON_QUEUE} is {@code On Queue}. */
    public static String labelOf(String name) {
        StringBuilder label = new StringBuilder();
        for (String word : name.split("_")) {
            label.append(label.length() == 0 ? "" : " ").append(word.charAt(0))
                    .append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return label.toString();
    }

    private static String idFor(String name) {
        // Name-based UUIDs keep the ids stable across runs and machines without a lookup table.
        return UUID.nameUUIDFromBytes(("sandbox-presence:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Map<String, String> byName() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("AVAILABLE", AVAILABLE);
        map.put("AWAY", AWAY);
        map.put("BREAK", BREAK);
        map.put("BUSY", BUSY);
        map.put("MEAL", MEAL);
        map.put("MEETING", MEETING);
        map.put("TRAINING", TRAINING);
        map.put("ON_QUEUE", ON_QUEUE);
        map.put("OFFLINE", OFFLINE);
        map.put("IDLE", IDLE);
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, String> byId(Map<String, String> idByName) {
        Map<String, String> map = new LinkedHashMap<>();
        idByName.forEach((name, id) -> map.put(id, name));
        return Collections.unmodifiableMap(map);
    }
}

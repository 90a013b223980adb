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
 * The sandbox org's presence sources. Genesys Cloud supports one external presence source per org,
 * so the sandbox keeps at most one active: creating or reactivating another is refused (409
 * {@code presenceservice.source.toomanyactivesources}). It starts with one, the configured
 * {@code presenceSourceId}, named {@link #SANDBOX_SOURCE_NAME}.
 */
final class PresenceSourceStore {

    /** The name of the source the sandbox org starts with. */
    static final String SANDBOX_SOURCE_NAME = "wfm-agent-sync";

    /** The error code of a second active source. */
    static final String TOO_MANY = "presenceservice.source.toomanyactivesources";

    /** What a change did: the source as it now is, or why it was refused. */
    record Outcome(PresenceSource source, String refusal) {
    }

    private final Map<String, PresenceSource> byId = new LinkedHashMap<>();
    private long created;

    PresenceSourceStore(String initialId) {
        byId.put(initialId.toLowerCase(Locale.ROOT), new PresenceSource(initialId, SANDBOX_SOURCE_NAME,
                "The sandbox org's external presence source", null, false));
    }

    synchronized Optional<PresenceSource> get(String id) {
        return Optional.ofNullable(byId.get(id == null ? null : id.toLowerCase(Locale.ROOT)));
    }

    /** Every source, or only the active ones. */
    synchronized List<PresenceSource> list(boolean includeDeactivated) {
        return byId.values().stream().filter(source -> includeDeactivated || !source.deactivated()).toList();
    }

    /** Whether events may name this source: it exists and is active. */
    synchronized boolean isActive(String id) {
        return get(id).map(source -> !source.deactivated()).orElse(false);
    }

    synchronized Outcome create(String name, String description, String type, boolean deactivated) {
        if (!deactivated && active().isPresent()) {
            return new Outcome(null, tooMany());
        }
        created++;
        String id = UUID.nameUUIDFromBytes(("sandbox-presence-source:" + created + ":" + name)
                .getBytes(StandardCharsets.UTF_8)).toString();
        PresenceSource source = new PresenceSource(id, name, description, type, deactivated);
        byId.put(id, source);
        return new Outcome(source, null);
    }

    /** A PUT: name, description and type as given (kept when absent), and the active flag. */
    synchronized Optional<Outcome> update(String id, String name, String description, String type, Boolean deactivated) {
        PresenceSource held = get(id).orElse(null);
        if (held == null) {
            return Optional.empty();
        }
        boolean nowDeactivated = deactivated == null ? held.deactivated() : deactivated;
        if (!nowDeactivated && held.deactivated() && active().isPresent()) {
            return Optional.of(new Outcome(null, tooMany()));
        }
        PresenceSource updated = new PresenceSource(held.id(), name == null ? held.name() : name,
                description == null ? held.description() : description, type == null ? held.type() : type,
                nowDeactivated);
        byId.put(held.id().toLowerCase(Locale.ROOT), updated);
        return Optional.of(new Outcome(updated, null));
    }

    synchronized List<PresenceSource> snapshot() {
        return new ArrayList<>(byId.values());
    }

    private Optional<PresenceSource> active() {
        return byId.values().stream().filter(source -> !source.deactivated()).findFirst();
    }

    private static String tooMany() {
        return "Only one active external presence source is supported per organization (sandbox)";
    }
}

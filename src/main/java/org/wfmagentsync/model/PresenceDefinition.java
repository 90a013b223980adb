package org.wfmagentsync.model;

import java.util.Map;

/**
 * A presence definition of the Genesys Cloud org ({@code GET /api/v2/presence/definitions}): what a
 * mapping may name it by instead of its id.
 *
 * @param type           {@code System} or {@code User} (the org's own)
 * @param labels         locale to label, e.g. {@code en_US -> Lunch} (the entity's {@code languageLabels})
 * @param systemPresence the system presence it is or belongs to, as Genesys writes it ({@code OnQueue})
 */
public record PresenceDefinition(String id, String name, String type, Map<String, String> labels,
        String systemPresence, boolean deactivated) {

    public PresenceDefinition {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** One of Genesys Cloud's own definitions, one per system presence (not one the org added). */
    public boolean system() {
        return "System".equalsIgnoreCase(type);
    }
}

package org.wfmagentsync.sandbox;

import java.util.Map;

/**
 * A presence definition of the sandbox org as {@code GET /api/v2/presence/definitions} lists it.
 *
 * @param type           {@code System} (one per system presence) or {@code User} (the org's own)
 * @param languageLabels locale to the label shown, e.g. {@code en_US -> Lunch}
 * @param systemPresence the system presence it is, or belongs to: {@code Available}, {@code OnQueue}, {@code Meal}...
 * @param divisionId     {@code *} for a system definition, the home division for the org's own
 */
public record OrgPresence(String id, String name, String type, Map<String, String> languageLabels,
        String systemPresence, String divisionId, boolean deactivated) {

    public OrgPresence {
        languageLabels = Map.copyOf(languageLabels);
    }
}

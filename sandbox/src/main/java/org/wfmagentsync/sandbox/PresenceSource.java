package org.wfmagentsync.sandbox;

/**
 * One presence source of the sandbox org, as {@code GET /api/v2/presence/sources/{id}} shows it (the
 * SDK's {@code Source}: id, name, description, type, deactivated, selfUri).
 *
 * @param type null when the client that created it gave none (the sandbox leaves it out then)
 */
public record PresenceSource(String id, String name, String description, String type, boolean deactivated) {

    /** The path the API answers it at. */
    public String selfUri() {
        return PresenceSourcesEndpoint.PATH + "/" + id;
    }

    PresenceSource deactivated(boolean value) {
        return new PresenceSource(id, name, description, type, value);
    }
}

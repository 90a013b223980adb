package org.wfmagentsync.mapping;

import org.wfmagentsync.directory.PresenceKey;

/**
 * How states.csv names a presence definition: by its id, or by its system presence or its label,
 * which the org's presence definitions resolve.
 *
 * @param value for a system presence, spelt as Genesys Cloud writes it ({@code OnQueue})
 * @param line  the line of states.csv that says so
 */
record PresenceRef(PresenceKey key, String value, int line) {
}

package org.wfmagentsync.mapping;

import org.wfmagentsync.directory.UserKey;

/**
 * How a mapping names an agent's Genesys Cloud user: by its id, or by its email, username or
 * employee id, which the org's directory resolves.
 *
 * @param line the line of agents.csv that says so, or 0 when the legacy id itself is the name
 *             ({@code wfm.mapping.legacy-id-is})
 */
record UserRef(UserKey key, String value, int line) {
}

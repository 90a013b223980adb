package org.wfmagentsync.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and what to deliver: the simulated Genesys Cloud and legacy system, and the scenario's
 * events already pulled and mapped (strategies other than the connector start from these).
 */
record Target(String apiUrl, String loginUrl, String clientId, String clientSecret, String presenceSourceId,
        String legacyAgentsUrl, Path agentMappingCsv, List<Event> events) {

    /** One presence event as {@code POST /api/v2/events/users/presence} takes it. */
    record Event(String eventId, String eventDateTime, String userId, String sourceId, String presenceDefinitionId) {
    }
}

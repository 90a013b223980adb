package org.wfmagentsync.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wfmagentsync.model.RoutingStatus;

/**
 * {@code states.csv}: each legacy state and reason once, with what it becomes: the presence
 * definition (a UUID) and the optional message, a routing status, or both. A row with an empty
 * reason covers every reason of its state. The routing-status column is optional, so a file written
 * before it existed maps presences as it did.
 */
final class StatesFormat implements MappingFormat<Map<String, StateMapping>> {

    static final String ROUTING_STATUS = "routingStatus";

    /** The key of the row that covers every reason of a state. */
    static String anyReason(String state) {
        return state + "|*";
    }

    @Override
    public List<String> required() {
        return List.of("legacyState", "reason", "presenceDefinitionId");
    }

    @Override
    public List<String> optional() {
        return List.of(ROUTING_STATUS, "message");
    }

    @Override
    public Map<String, StateMapping> table(List<CsvRow> rows, FileProblems problems) {
        Map<String, StateMapping> states = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (CsvRow row : rows) {
            String state = row.required("legacyState", problems);
            String reason = row.value("reason");
            Optional<StateMapping> mapping = mapping(row, problems);
            if (state == null) {
                continue;
            }
            String key = reason.isEmpty() ? anyReason(state) : state + "|" + reason;
            Integer first = firstLine.putIfAbsent(key, row.line());
            if (first != null) {
                problems.add(row.line(), "state " + FileProblems.quoted(state) + (reason.isEmpty() ? " with an empty reason"
                        : " with reason " + FileProblems.quoted(reason)) + " again (first on line " + first + ")");
            } else {
                mapping.ifPresent(found -> states.put(key, found));
            }
        }
        return states;
    }

    /**
     * The row's presence and routing status. An empty presence id is allowed only beside a routing
     * status, and a message only beside a presence (a routing status carries none).
     */
    private static Optional<StateMapping> mapping(CsvRow row, FileProblems problems) {
        String message = row.value("message");
        RoutingStatus routing = routingStatus(row, problems);
        boolean routingGiven = !row.value(ROUTING_STATUS).isEmpty();
        if (!routingGiven) {
            if (row.has(ROUTING_STATUS) && row.value("presenceDefinitionId").isEmpty()) {
                problems.add(row.line(), "neither presenceDefinitionId nor " + ROUTING_STATUS + " is given");
                return Optional.empty();
            }
            // as before the column existed: the presence is required
            String presence = row.uuid("presenceDefinitionId", problems);
            return presence == null ? Optional.empty()
                    : Optional.of(new StateMapping(new Presence(presence, message.isEmpty() ? null : message), null));
        }
        if (row.value("presenceDefinitionId").isEmpty()) {
            if (!message.isEmpty()) {
                problems.add(row.line(), "message " + FileProblems.quoted(message) + " without a presenceDefinitionId"
                        + " (a routing status carries no message)");
                return Optional.empty();
            }
            return routing == null ? Optional.empty() : Optional.of(new StateMapping(null, routing));
        }
        String presence = row.uuid("presenceDefinitionId", problems);
        return presence == null || routing == null ? Optional.empty()
                : Optional.of(new StateMapping(new Presence(presence, message.isEmpty() ? null : message), routing));
    }

    /** The row's routing status, or null when it has none or (with the problem noted) an unknown one. */
    private static RoutingStatus routingStatus(CsvRow row, FileProblems problems) {
        String text = row.value(ROUTING_STATUS);
        if (text.isEmpty()) {
            return null;
        }
        Optional<RoutingStatus> status = RoutingStatus.parse(text);
        if (status.isEmpty()) {
            problems.add(row.line(), ROUTING_STATUS + " " + FileProblems.quoted(text) + " is not one of "
                    + RoutingStatus.listed());
        }
        return status.orElse(null);
    }
}

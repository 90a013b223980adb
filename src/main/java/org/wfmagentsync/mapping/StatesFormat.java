package org.wfmagentsync.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wfmagentsync.model.RoutingStatus;

/**
 * {@code states.csv}: each legacy state and reason once, with what it becomes: a presence
 * definition and the optional message, a routing status, or both. A row with an empty reason
 * covers every reason of its state. The definition is named in one of three columns:
 * {@code presenceDefinitionId} (a UUID), or {@code systemPresence} ({@code Available},
 * {@code OnQueue}...) or {@code presenceLabel} (the label the org gave it), which the org's presence
 * definitions resolve. The routing-status column is optional, so a file written before it existed
 * maps presences as it did.
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
    public Map<String, List<String>> alternatives() {
        return Map.of("presenceDefinitionId", PresenceColumns.IN_ORDER.subList(1, PresenceColumns.IN_ORDER.size()));
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
     * The row's presence and routing status. No presence is allowed only beside a routing status,
     * and a message only beside a presence (a routing status carries none).
     */
    private static Optional<StateMapping> mapping(CsvRow row, FileProblems problems) {
        String message = row.value("message");
        RoutingStatus routing = routingStatus(row, problems);
        boolean routingGiven = !row.value(ROUTING_STATUS).isEmpty();
        boolean presenceGiven = PresenceColumns.IN_ORDER.stream().anyMatch(column -> !row.value(column).isEmpty());
        if (!routingGiven) {
            if (row.has(ROUTING_STATUS) && !presenceGiven) {
                problems.add(row.line(), "neither " + String.join(" nor ", presenceColumns(row)) + " nor " + ROUTING_STATUS
                        + " is given");
                return Optional.empty();
            }
            // as before the column existed: the presence is required
            Presence presence = presence(row, message, problems);
            return presence == null ? Optional.empty() : Optional.of(new StateMapping(presence, null));
        }
        if (!presenceGiven) {
            if (!message.isEmpty()) {
                problems.add(row.line(), "message " + FileProblems.quoted(message) + " without a "
                        + String.join(" or ", presenceColumns(row)) + " (a routing status carries no message)");
                return Optional.empty();
            }
            return routing == null ? Optional.empty() : Optional.of(new StateMapping(null, routing));
        }
        Presence presence = presence(row, message, problems);
        return presence == null || routing == null ? Optional.empty() : Optional.of(new StateMapping(presence, routing));
    }

    private static Presence presence(CsvRow row, String message, FileProblems problems) {
        PresenceRef presence = PresenceColumns.read(row, problems);
        return presence == null ? null : new Presence(presence, message.isEmpty() ? null : message);
    }

    /** The presence columns the file's header has. */
    private static List<String> presenceColumns(CsvRow row) {
        return PresenceColumns.IN_ORDER.stream().filter(row::has).toList();
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

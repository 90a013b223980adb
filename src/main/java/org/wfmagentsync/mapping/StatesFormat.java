package org.wfmagentsync.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code states.csv}: each legacy state and reason once, with the presence definition and the
 * optional message it becomes. A row with an empty reason covers every reason of its state. The
 * definition is named in one of three columns: {@code presenceDefinitionId} (a UUID), or
 * {@code systemPresence} ({@code Available}, {@code OnQueue}...) or {@code presenceLabel} (the label
 * the org gave it), which the org's presence definitions resolve.
 */
final class StatesFormat implements MappingFormat<Map<String, Presence>> {

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
        return List.of("message");
    }

    @Override
    public Map<String, List<String>> alternatives() {
        return Map.of("presenceDefinitionId", PresenceColumns.IN_ORDER.subList(1, PresenceColumns.IN_ORDER.size()));
    }

    @Override
    public Map<String, Presence> table(List<CsvRow> rows, FileProblems problems) {
        Map<String, Presence> presences = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (CsvRow row : rows) {
            String state = row.required("legacyState", problems);
            String reason = row.value("reason");
            PresenceRef presence = PresenceColumns.read(row, problems);
            if (state == null) {
                continue;
            }
            String key = reason.isEmpty() ? anyReason(state) : state + "|" + reason;
            Integer first = firstLine.putIfAbsent(key, row.line());
            if (first != null) {
                problems.add(row.line(), "state " + FileProblems.quoted(state) + (reason.isEmpty() ? " with an empty reason"
                        : " with reason " + FileProblems.quoted(reason)) + " again (first on line " + first + ")");
            } else if (presence != null) {
                String message = row.value("message");
                presences.put(key, new Presence(presence, message.isEmpty() ? null : message));
            }
        }
        return presences;
    }
}

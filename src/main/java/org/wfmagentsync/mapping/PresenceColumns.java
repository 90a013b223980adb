package org.wfmagentsync.mapping;

import java.util.List;
import java.util.Optional;
import org.wfmagentsync.directory.PresenceKey;
import org.wfmagentsync.directory.SystemPresences;

/** The three columns that name a presence definition, and how a row's is checked. */
final class PresenceColumns {

    static final List<String> IN_ORDER = List.of("presenceDefinitionId", "systemPresence", "presenceLabel");

    private PresenceColumns() {
    }

    /** The definition the row names; null, with the problem noted, when its column does not hold one. */
    static PresenceRef read(CsvRow row, FileProblems problems) {
        CsvRow.Filled filled = row.oneOf(IN_ORDER, problems);
        if (filled == null) {
            return null;
        }
        String value = filled.value();
        switch (filled.column()) {
            case "presenceDefinitionId" -> {
                if (!CsvRow.isUuid(value)) {
                    problems.add(row.line(), "presenceDefinitionId " + FileProblems.quoted(value) + " is not a UUID"
                            + (SystemPresences.of(value).isPresent() ? " (a system presence goes in the"
                            + " systemPresence column)" : ""));
                    return null;
                }
                return new PresenceRef(PresenceKey.DEFINITION_ID, value, row.line());
            }
            case "systemPresence" -> {
                Optional<String> system = SystemPresences.of(value);
                if (system.isEmpty()) {
                    problems.add(row.line(), "systemPresence " + FileProblems.quoted(value) + " is not one of "
                            + String.join(", ", SystemPresences.ALL) + " (a presence of the org's own is named in"
                            + " the presenceLabel column)");
                    return null;
                }
                return new PresenceRef(PresenceKey.SYSTEM_PRESENCE, system.get(), row.line());
            }
            default -> {
                return new PresenceRef(PresenceKey.LABEL, value, row.line());
            }
        }
    }
}

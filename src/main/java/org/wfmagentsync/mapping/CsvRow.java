package org.wfmagentsync.mapping;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One data row of a mapping file: its values by column name and the line it ends on. */
record CsvRow(int line, Map<String, String> values) {

    /** Genesys Cloud's user and presence definition ids (and the sandbox's) are UUIDs: 8-4-4-4-12 hex digits. */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    CsvRow {
        values = Map.copyOf(values);
    }

    /** Whether the file has this column (its header names it). */
    boolean has(String column) {
        return values.containsKey(column);
    }

    /** The value, empty when the row has none in that column. */
    String value(String column) {
        return values.getOrDefault(column, "");
    }

    /** The value of a column that must have one; null, with the problem noted, when it is empty. */
    String required(String column, FileProblems problems) {
        String value = value(column);
        if (value.isEmpty()) {
            problems.add(line, column + " is empty");
            return null;
        }
        return value;
    }

    /** The value of a column that must hold a UUID; null, with the problem noted, when it does not. */
    String uuid(String column, FileProblems problems) {
        String value = required(column, problems);
        if (value != null && !UUID.matcher(value).matches()) {
            problems.add(line, column + " " + FileProblems.quoted(value) + " is not a UUID");
            return null;
        }
        return value;
    }

    /** Whether a value is a UUID, as Genesys Cloud's ids are. */
    static boolean isUuid(String value) {
        return UUID.matcher(value).matches();
    }

    /** The one column of {@code columns} filled in this row, and its value. */
    record Filled(String column, String value) {
    }

    /**
     * The one of {@code columns} that this row fills; null, with the problem noted, when none or
     * several are. With only one of them in the header, an empty one is that column being empty.
     */
    Filled oneOf(List<String> columns, FileProblems problems) {
        List<String> present = columns.stream().filter(values::containsKey).toList();
        List<String> filled = present.stream().filter(column -> !value(column).isEmpty()).toList();
        if (filled.size() == 1) {
            return new Filled(filled.get(0), value(filled.get(0)));
        }
        if (filled.isEmpty()) {
            problems.add(line, present.size() == 1 ? present.get(0) + " is empty"
                    : "none of " + String.join(", ", present) + " is filled: fill one");
        } else {
            problems.add(line, String.join(" and ", filled) + " are filled: fill only one");
        }
        return null;
    }
}

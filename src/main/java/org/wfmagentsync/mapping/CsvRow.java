package org.wfmagentsync.mapping;

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
}

package org.wfmagentsync.mapping;

import java.util.List;
import java.util.Map;

/**
 * What one mapping file holds: the columns it must have and may have, and how its rows become the
 * table the mapper looks up, each row checked on the way.
 */
interface MappingFormat<T> {

    /** Columns every file must have, in the order the docs show them. */
    List<String> required();

    /** Columns a file may have besides. */
    List<String> optional();

    /**
     * Required columns that others may stand in for: a header with any of them needs not have the
     * required one ({@code genesysUserId} or {@code email}, {@code username}, {@code employeeId}).
     */
    default Map<String, List<String>> alternatives() {
        return Map.of();
    }

    /** The table of these rows; every problem found is added to {@code problems} (the table is then not used). */
    T table(List<CsvRow> rows, FileProblems problems);
}

package org.wfmagentsync.mapping;

import java.util.List;

/**
 * What one mapping file holds: the columns it must have and may have, and how its rows become the
 * table the mapper looks up, each row checked on the way.
 */
interface MappingFormat<T> {

    /** Columns every file must have, in the order the docs show them. */
    List<String> required();

    /** Columns a file may have besides. */
    List<String> optional();

    /** The table of these rows; every problem found is added to {@code problems} (the table is then not used). */
    T table(List<CsvRow> rows, FileProblems problems);
}

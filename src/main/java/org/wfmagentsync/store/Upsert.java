package org.wfmagentsync.store;

import java.util.Collections;
import java.util.List;

/**
 * A row written by key: inserted when the key is new, else the stored row is updated. With
 * {@code newestBy}, only a row at least as recent in that column replaces the stored one, so an
 * older change never overwrites a newer one. The SQL comes from the {@link Dialect}.
 *
 * @param table    the table
 * @param keys     the primary key's columns (one or more)
 * @param columns  every column written, the keys among them; the statement's parameters, in order
 * @param newestBy the column that must not go back in time, or null when the last write wins
 */
public record Upsert(String table, List<String> keys, List<String> columns, String newestBy) {

    public Upsert {
        keys = List.copyOf(keys);
        columns = List.copyOf(columns);
        if (keys.isEmpty() || !columns.containsAll(keys) || newestBy != null && !columns.contains(newestBy)) {
            throw new IllegalArgumentException("upsert into " + table + ": the keys " + keys + " and the column "
                    + newestBy + " must be among the columns written, " + columns);
        }
    }

    /** The last write wins. */
    public static Upsert replacing(String table, String key, String... columns) {
        return new Upsert(table, List.of(key), List.of(columns), null);
    }

    /** A stored row is replaced only by one whose {@code newestBy} is the same or later. */
    public static Upsert keepingNewest(String table, String key, String newestBy, String... columns) {
        return keepingNewest(table, List.of(key), newestBy, columns);
    }

    /** As {@link #keepingNewest(String, String, String, String...)}, for a key of several columns. */
    public static Upsert keepingNewest(String table, List<String> keys, String newestBy, String... columns) {
        return new Upsert(table, keys, List.of(columns), newestBy);
    }

    /** {@code (?, ?), (?, ?)}: a row of parameters, one per column, for each of {@code rows} rows. */
    String parameterRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("an upsert into " + table + " writes at least one row, got " + rows);
        }
        String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return String.join(", ", Collections.nCopies(rows, row));
    }
}

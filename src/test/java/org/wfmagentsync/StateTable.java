package org.wfmagentsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * config/states.csv read independently of the connector's own parser, for what tests and the
 * benchmark expect Genesys Cloud to hold.
 */
public final class StateTable {

    private StateTable() {
    }

    /** {@code STATE|REASON} (reason empty for the state's default row) to presence definition id. */
    public static Map<String, String> load(Path file) {
        try {
            Map<String, String> table = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("legacyState")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                table.put(cells[0].trim() + "|" + cells[1].trim(), cells[2].trim());
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The presence for a state and reason: the exact row, else the state's default row. */
    public static String presenceOf(Map<String, String> table, String state, String reason) {
        String exact = table.get(state + "|" + (reason == null ? "" : reason));
        return exact != null ? exact : table.get(state + "|");
    }
}

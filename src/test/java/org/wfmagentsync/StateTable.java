package org.wfmagentsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads config/states.csv independently of the connector's own parser, for the tests' expected state. */
final class StateTable {

    private StateTable() {
    }

    /** {@code STATE|REASON} (reason empty for the state's default row) to presence definition id. */
    static Map<String, String> load(Path file) {
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
}

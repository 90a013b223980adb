package org.wfmagentsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** config/states.csv read on its own (not with the connector's parser), for the events and the expected state. */
final class BenchStates {

    private BenchStates() {
    }

    static Map<String, String> load() {
        try {
            Map<String, String> table = new HashMap<>();
            for (String line : Files.readAllLines(Path.of("config/states.csv"))) {
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

    static String presenceOf(Map<String, String> table, String state, String reason) {
        String exact = table.get(state + "|" + (reason == null ? "" : reason));
        return exact != null ? exact : table.get(state + "|");
    }
}

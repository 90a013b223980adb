package org.wfmagentsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * config/states.csv read independently of the connector's own parser, for what tests and the
 * benchmark expect Genesys Cloud to hold: each state's presence and routing status.
 */
public final class StateTable {

    /** The shipped mapping, with a presence and a routing status for every state. */
    public static final Path SHIPPED = Path.of("config/states.csv");
    private static final String ROUTING_STATUS = "routingStatus";

    private StateTable() {
    }

    /** {@code STATE|REASON} (reason empty for the state's default row) to presence definition id (empty when none). */
    public static Map<String, String> load(Path file) {
        return column(file, "presenceDefinitionId");
    }

    /** {@code STATE|REASON} to routing status (empty when the row gives none). */
    public static Map<String, String> loadRouting(Path file) {
        return column(file, ROUTING_STATUS);
    }

    /** The presence for a state and reason: the exact row, else the state's default row. */
    public static String presenceOf(Map<String, String> table, String state, String reason) {
        String exact = table.get(state + "|" + (reason == null ? "" : reason));
        return exact != null ? exact : table.get(state + "|");
    }

    /**
     * The shipped mapping as it was before routing statuses: the same lines, comments and line numbers,
     * without the routingStatus column. What the tests written for presence alone run with.
     */
    public static List<String> presenceOnly() {
        return presenceOnly(SHIPPED);
    }

    /** {@code file}'s lines without the routingStatus column. */
    public static List<String> presenceOnly(Path file) {
        List<String> lines = read(file);
        int routing = -1;
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                out.add(line);
                continue;
            }
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            if (line.startsWith("legacyState")) {
                routing = cells.indexOf(ROUTING_STATUS);
            }
            if (routing >= 0 && routing < cells.size()) {
                cells.remove(routing);
            }
            out.add(String.join(",", cells));
        }
        return out;
    }

    /** Writes {@link #presenceOnly()} to {@code file} and returns it. */
    public static Path writePresenceOnly(Path file) {
        try {
            Files.write(file, presenceOnly());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> column(Path file, String name) {
        Map<String, String> table = new HashMap<>();
        int at = -1;
        for (String line : read(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (line.startsWith("legacyState")) {
                at = Arrays.asList(cells).indexOf(name);
                continue;
            }
            table.put(cells[0].trim() + "|" + cells[1].trim(), at < 0 || at >= cells.length ? "" : cells[at].trim());
        }
        return table;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

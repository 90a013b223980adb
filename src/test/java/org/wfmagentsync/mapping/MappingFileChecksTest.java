package org.wfmagentsync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.StateTable;
import org.wfmagentsync.model.RoutingStatus;
import org.wfmagentsync.directory.PresenceKey;
import org.wfmagentsync.directory.UserKey;
import org.wfmagentsync.sandbox.PresenceDefinitions;

/**
 * A mapping file is checked as a whole when it is read: each kind of mistake refuses it with the
 * line and the reason, in one bounded line, and the last version that passed stays in use.
 */
class MappingFileChecksTest {

    /** The shipped states.csv without its routingStatus column, as the file was before it (line for line). */
    private static final List<String> SHIPPED_STATES = StateTable.presenceOnly();
    private static final String HEADER = "legacyState,reason,presenceDefinitionId,message";
    private static final String EXAMPLE_USER = "6a3af858-942f-489d-9700-5f9bcdcdae9b";

    @TempDir
    Path dir;

    @Test
    void each_kind_of_mistake_in_states_csv_is_refused_naming_the_line_and_the_reason() throws IOException {
        int header = lineOf(SHIPPED_STATES, HEADER);
        int ready = lineOf(SHIPPED_STATES, "READY,");
        int onCall = lineOf(SHIPPED_STATES, "ON_CALL,");
        int notReady = lineOf(SHIPPED_STATES, "NOT_READY,,");
        int breakRow = lineOf(SHIPPED_STATES, "NOT_READY,BREAK,");
        int last = SHIPPED_STATES.size() + 1;
        Map<UnaryOperator<List<String>>, String> cases = new LinkedHashMap<>();
        cases.put(lines -> replaceInRows(lines, ",", ";"), "line " + header + ": the header looks separated by ';': separate"
                + " the columns with ',' as in " + HEADER);
        cases.put(lines -> replaceInRows(lines, ",", "\t"), "line " + header + ": the header looks separated by tabs:"
                + " separate the columns with ',' as in " + HEADER);
        cases.put(lines -> replace(lines, "READY,", "READY,,,"), "line " + ready + ": presenceDefinitionId is empty");
        cases.put(lines -> replace(lines, "READY,", "READY,,Available,"),
                "line " + ready + ": presenceDefinitionId 'Available' is not a UUID");
        cases.put(lines -> replace(lines, "READY,", ",," + PresenceDefinitions.AVAILABLE + ","),
                "line " + ready + ": legacyState is empty");
        cases.put(lines -> append(lines, "NOT_READY,BREAK," + PresenceDefinitions.AWAY + ","),
                "line " + last + ": state 'NOT_READY' with reason 'BREAK' again (first on line " + breakRow + ")");
        cases.put(lines -> append(lines, "NOT_READY,," + PresenceDefinitions.AWAY + ","),
                "line " + last + ": state 'NOT_READY' with an empty reason again (first on line " + notReady + ")");
        cases.put(lines -> replace(lines, HEADER, "legacyState,reason,presenceId,message"), "line " + header
                + ": unknown column 'presenceId' (the columns are: legacyState, reason, presenceDefinitionId, systemPresence,"
                + " presenceLabel, routingStatus, message); line " + header + ": no 'presenceDefinitionId' column (nor"
                + " systemPresence, presenceLabel, which may stand in for it)");
        cases.put(lines -> replace(lines, "ON_CALL,", "ON_CALL,," + PresenceDefinitions.BUSY + ",On a call, inbound"),
                "line " + onCall + ": 5 values but 4 columns (quote a value that contains a comma)");
        cases.put(lines -> replace(lines, "READY,", "READY;;" + PresenceDefinitions.AVAILABLE + ";"),
                "line " + ready + ": 'READY;;5156e690-3673-3fee-bbab-4e42d9bb697d;' looks separated by ';': separate"
                        + " the values with ','");
        cases.put(lines -> replace(lines, "ON_CALL,", "ON_CALL,,\"" + PresenceDefinitions.BUSY + ",On a call"),
                "line " + onCall + ": a quoted value is not closed (a '\"' is missing)");
        cases.put(lines -> replace(lines, "ON_CALL,", "ON_CALL,," + PresenceDefinitions.BUSY + ",\"On a\" call"),
                "line " + onCall + ": text after a quoted value (write a '\"' inside quotes as '\"\"')");
        cases.put(lines -> lines.stream().filter(line -> line.startsWith("#")).toList(),
                "it has no header row (expected: legacyState,reason,presenceDefinitionId,routingStatus,message)");
        cases.put(lines -> replace(replace(lines, HEADER, "legacyState,reason,presenceDefinitionId,systemPresence,"
                + "presenceLabel,message"), "READY,", "READY,,,Lunch,,"), "line " + ready + ": systemPresence 'Lunch' is"
                + " not one of Available, Away, Busy, Offline, Idle, OnQueue, Meal, Training, Meeting, Break (a presence of"
                + " the org's own is named in the presenceLabel column)");
        cases.put(lines -> replace(replace(lines, HEADER, "legacyState,reason,systemPresence,presenceLabel,message"),
                "READY,", "READY,,Available,Ready,"), "line " + ready + ": systemPresence and presenceLabel are filled:"
                + " fill only one");
        cases.put(lines -> replace(lines, "READY,", "READY,,On Queue,"), "line " + ready + ": presenceDefinitionId"
                + " 'On Queue' is not a UUID (a system presence goes in the systemPresence column)");

        Path states = dir.resolve("states.csv");
        for (Map.Entry<UnaryOperator<List<String>>, String> edit : cases.entrySet()) {
            write(states, edit.getKey().apply(SHIPPED_STATES));
            CsvTable<Map<String, StateMapping>> table = new CsvTable<>(states, new StatesFormat());
            MappingFileUnusable refused = assertThrows(MappingFileUnusable.class, table::current);
            assertTrue(refused.getMessage().startsWith("mapping file " + states.toAbsolutePath() + " is refused ("
                    + edit.getValue()), refused.getMessage() + "\nexpected: " + edit.getValue());
            assertTrue(refused.getMessage().endsWith("); nothing was sent"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
        }
    }

    @Test
    void each_kind_of_mistake_in_agents_csv_is_refused_naming_the_line_and_the_reason() throws IOException {
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("legacyAgentId,genesysUserId", "A1001," + EXAMPLE_USER, "A1002,", "A1003,user-3"),
                "line 3: genesysUserId is empty; line 4: genesysUserId 'user-3' is not a UUID");
        cases.put(List.of("# agents", "legacyAgentId,genesysUserId", "A1001," + EXAMPLE_USER,
                "A1001,11111111-2222-3333-4444-555555555555"), "line 4: agent 'A1001' again (first on line 3)");
        cases.put(List.of("legacyAgentId,genesysUserId", "A1001," + EXAMPLE_USER, "A1002," + EXAMPLE_USER.toUpperCase()),
                "line 3: genesysUserId '" + EXAMPLE_USER.toUpperCase() + "' again: agent 'A1001' (line 2) is that user"
                        + " already");
        cases.put(List.of("legacyAgentId,email", "A1001,ana@example.com", "A1002,Ana@Example.com"),
                "line 3: email 'Ana@Example.com' again: agent 'A1001' (line 2) is that user already");
        cases.put(List.of("legacyAgentId;genesysUserId", "A1001;" + EXAMPLE_USER),
                "line 1: the header looks separated by ';': separate the columns with ',' as in legacyAgentId,genesysUserId");
        cases.put(List.of("agent,user", "A1001," + EXAMPLE_USER), "line 1: unknown column 'agent' (the columns are:"
                + " legacyAgentId, genesysUserId, email, username, employeeId); line 1: unknown column 'user' (the columns"
                + " are: legacyAgentId, genesysUserId, email, username, employeeId); line 1: no 'legacyAgentId' column;"
                + " and 1 more problem");
        String all = "legacyAgentId,genesysUserId,email,username,employeeId";
        cases.put(List.of(all, "A1001,,a1@example.com,,", "A1002," + EXAMPLE_USER + ",a2@example.com,,", "A1003,,,,",
                "A1004,,not-an-email,,"), "line 3: genesysUserId and email are filled: fill only one; line 4: none of"
                + " genesysUserId, email, username, employeeId is filled: fill one; line 5: email 'not-an-email' is not an"
                + " email address");
        cases.put(List.of("legacyAgentId,genesysUserId", "A1001,a1@example.com"),
                "line 2: genesysUserId 'a1@example.com' is not a UUID (an email goes in the email column)");
        cases.put(List.of("legacyAgentId,email", "A1001,"), "line 2: email is empty");
        cases.put(List.of("legacyAgentId,name", "A1001,Ana"), "line 1: unknown column 'name' (the columns are:"
                + " legacyAgentId, genesysUserId, email, username, employeeId); line 1: no 'genesysUserId' column (nor"
                + " email, username, employeeId, which may stand in for it)");
        Path agents = dir.resolve("agents.csv");
        for (Map.Entry<List<String>, String> edit : cases.entrySet()) {
            write(agents, edit.getKey());
            MappingFileUnusable refused = assertThrows(MappingFileUnusable.class,
                    new CsvTable<>(agents, new AgentsFormat())::current);
            assertEquals("mapping file " + agents.toAbsolutePath() + " is refused (" + edit.getValue()
                    + "); nothing was sent", refused.getMessage());
        }
    }

    @Test
    void users_and_presences_may_be_named_by_what_the_org_knows_them_by_and_each_row_says_which() throws IOException {
        Path agents = dir.resolve("agents.csv");
        write(agents, List.of("legacyAgentId,genesysUserId,email,username,employeeId", "A1001," + EXAMPLE_USER + ",,,",
                "A1002,,Ana@Example.com,,", "A1003,,,ben,", "A1004,,,,E-4"));
        assertEquals(Map.of("A1001", new UserRef(UserKey.USER_ID, EXAMPLE_USER, 2), "A1002", new UserRef(UserKey.EMAIL,
                "Ana@Example.com", 3), "A1003", new UserRef(UserKey.USERNAME, "ben", 4), "A1004",
                new UserRef(UserKey.EMPLOYEE_ID, "E-4", 5)), new CsvTable<>(agents, new AgentsFormat()).current());
        write(agents, List.of("legacyAgentId,email", "A1002,ana@example.com"));
        assertEquals(Map.of("A1002", new UserRef(UserKey.EMAIL, "ana@example.com", 2)),
                new CsvTable<>(agents, new AgentsFormat()).current(), "a file of emails needs no genesysUserId column");

        Path states = dir.resolve("states.csv");
        write(states, List.of("legacyState,reason,systemPresence,presenceLabel,presenceDefinitionId",
                "READY,,on queue,,", "NOT_READY,LUNCH,,Lunch,", "ON_CALL,,,," + PresenceDefinitions.BUSY));
        assertEquals(Map.of(StatesFormat.anyReason("READY"), new StateMapping(new Presence(new PresenceRef(
                PresenceKey.SYSTEM_PRESENCE, "OnQueue", 2), null), null), "NOT_READY|LUNCH", new StateMapping(new Presence(
                new PresenceRef(PresenceKey.LABEL, "Lunch", 3), null), null), StatesFormat.anyReason("ON_CALL"),
                presence(PresenceDefinitions.BUSY, 4, null)),
                new CsvTable<>(states, new StatesFormat()).current(), "a system presence is spelt as Genesys writes it");
    }

    @Test
    void with_the_legacy_id_naming_the_user_agents_csv_may_be_left_out_but_once_there_it_counts() throws IOException {
        Path agents = dir.resolve("agents.csv");
        CsvTable<Map<String, UserRef>> table = new CsvTable<>(agents, new AgentsFormat(), Map.of());
        assertEquals(Map.of(), table.current(), "no file: no agent listed, and no refusal");
        assertNull(table.status().refused());
        write(agents, List.of("legacyAgentId,email", "A1002,ana@example.com"));
        assertEquals(1, table.current().size());
        Files.delete(agents);
        assertEquals(1, table.current().size(), "a file moved away while it is edited: the previous version maps");
    }

    @Test
    void a_file_with_many_mistakes_names_the_first_three_and_counts_the_rest_on_one_short_line() throws IOException {
        List<String> lines = new ArrayList<>(List.of("legacyAgentId,genesysUserId"));
        IntStream.rangeClosed(1, 500).forEach(i -> lines.add("A" + i + ",not-a-uuid-but-a-long-pasted-text-" + "x".repeat(300)));
        Path agents = dir.resolve("agents.csv");
        write(agents, lines);

        String message = assertThrows(MappingFileUnusable.class, new CsvTable<>(agents, new AgentsFormat())::current)
                .getMessage();

        String cut = ("not-a-uuid-but-a-long-pasted-text-" + "x".repeat(300)).substring(0, 60) + "...";
        assertTrue(message.contains("line 2: genesysUserId '" + cut + "' is not a UUID; line 3: "), message);
        assertTrue(message.contains("line 4: ") && !message.contains("line 5: "), message);
        assertTrue(message.endsWith("; and 497 more problems); nothing was sent"), message);
        assertTrue(message.length() < 500, "bounded: " + message.length());
    }

    @Test
    void a_file_that_is_not_utf_8_or_not_there_is_refused_saying_so() throws IOException {
        Path states = dir.resolve("states.csv");
        Files.write(states, (HEADER + "\nNOT_READY,LUNCH," + PresenceDefinitions.MEAL + ",Pause d\u00e9jeuner\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("mapping file " + states.toAbsolutePath() + " is refused (it is not UTF-8 text; save it as UTF-8"
                + " (in a spreadsheet: CSV UTF-8)); nothing was sent", assertThrows(MappingFileUnusable.class,
                        new CsvTable<>(states, new StatesFormat())::current).getMessage());
        Path missing = dir.resolve("nowhere.csv");
        assertEquals("mapping file " + missing.toAbsolutePath() + " cannot be read (NoSuchFileException: no such file);"
                + " nothing was sent", assertThrows(MappingFileUnusable.class,
                        new CsvTable<>(missing, new StatesFormat())::current).getMessage());
    }

    @Test
    void what_spreadsheets_and_editors_write_is_accepted() throws IOException {
        Path states = dir.resolve("states.csv");
        // a byte order mark, CRLF, spaces around values, no trailing message cell, an empty cell past the last
        // column, an upper-case UUID, a quoted message with a comma
        Files.writeString(states, "\uFEFF" + HEADER + "\r\n READY , , " + PresenceDefinitions.AVAILABLE + "\r\n"
                + "ON_CALL,," + PresenceDefinitions.BUSY.toUpperCase() + ",\"On a call, inbound\",\r\n");
        Map<String, StateMapping> table = new CsvTable<>(states, new StatesFormat()).current();
        assertEquals(Map.of(StatesFormat.anyReason("READY"), presence(PresenceDefinitions.AVAILABLE, 2, null),
                StatesFormat.anyReason("ON_CALL"), presence(PresenceDefinitions.BUSY.toUpperCase(), 3, "On a call, inbound")),
                table);
        Path agents = dir.resolve("agents.csv");
        write(agents, read(Path.of("config/agents.csv")));
        assertEquals(Map.of(), new CsvTable<>(agents, new AgentsFormat()).current(), "the shipped agents.csv: no agent yet");
    }

    @Test
    void the_shipped_states_csv_passes_and_names_each_sandbox_presence_in_the_comment_above_its_row() {
        CsvTable<Map<String, StateMapping>> table = new CsvTable<>(Path.of("config/states.csv"), new StatesFormat());
        assertEquals(9, table.current().size());
        for (int i = lineOf(SHIPPED_STATES, HEADER); i < SHIPPED_STATES.size(); i++) {
            String row = SHIPPED_STATES.get(i);
            if (!row.startsWith("#")) {
                String id = row.split(",", -1)[2];
                String comment = SHIPPED_STATES.get(i - 1);
                assertTrue(comment.startsWith("# "), "a comment names the presence above " + row);
                assertEquals(PresenceDefinitions.requireIdOf(comment.substring(2)), id, row);
            }
        }
    }

    @Test
    void the_routing_status_column_is_checked_row_by_row_and_a_row_needs_a_presence_or_a_routing_status() throws IOException {
        String header = "legacyState,reason,presenceDefinitionId,routingStatus,message";
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of(header, "READY,,,Ready,"), "line 2: routingStatus 'Ready' is not one of OffQueue, Idle,"
                + " Interacting, Communicating, NotResponding");
        cases.put(List.of(header, "READY,,,,"), "line 2: neither presenceDefinitionId nor routingStatus is given");
        cases.put(List.of(header, "READY,,,Idle,Ready to take calls"), "line 2: message 'Ready to take calls' without a"
                + " presenceDefinitionId (a routing status carries no message)");
        cases.put(List.of(header, "READY,,Available,Idle,"), "line 2: presenceDefinitionId 'Available' is not a UUID"
                + " (a system presence goes in the systemPresence column)");
        cases.put(List.of(header, "READY,," + PresenceDefinitions.AVAILABLE + ",Idle,", "READY,,,OffQueue,"),
                "line 3: state 'READY' with an empty reason again (first on line 2)");
        Path states = dir.resolve("states.csv");
        for (Map.Entry<List<String>, String> edit : cases.entrySet()) {
            write(states, edit.getKey());
            MappingFileUnusable refused = assertThrows(MappingFileUnusable.class,
                    () -> new CsvTable<>(states, new StatesFormat()).current());
            assertEquals("mapping file " + states.toAbsolutePath() + " is refused (" + edit.getValue() + "); nothing was sent",
                    refused.getMessage());
        }

        // a presence, a routing status, or both; the endpoint's spelling in any case, underscores or not
        write(states, List.of(header, "READY,," + PresenceDefinitions.AVAILABLE + ",idle,", "ON_CALL,,,INTERACTING,",
                "AFTER_CALL_WORK,,,off_queue,", "NOT_READY,," + PresenceDefinitions.AWAY + ",,Away",
                "LOGGED_OUT,," + PresenceDefinitions.OFFLINE + ",NotResponding,Gone"));
        assertEquals(Map.of(StatesFormat.anyReason("READY"), new StateMapping(new Presence(byId(PresenceDefinitions.AVAILABLE, 2),
                        null), RoutingStatus.IDLE),
                StatesFormat.anyReason("ON_CALL"), new StateMapping(null, RoutingStatus.INTERACTING),
                StatesFormat.anyReason("AFTER_CALL_WORK"), new StateMapping(null,
                        RoutingStatus.OFF_QUEUE),
                StatesFormat.anyReason("NOT_READY"), presence(PresenceDefinitions.AWAY, 5, "Away"),
                StatesFormat.anyReason("LOGGED_OUT"), new StateMapping(new Presence(byId(PresenceDefinitions.OFFLINE, 6),
                        "Gone"), RoutingStatus.NOT_RESPONDING)),
                new CsvTable<>(states, new StatesFormat()).current());
    }

    @Test
    void the_shipped_states_csv_gives_the_on_queue_states_an_on_queue_routing_status_and_the_others_off_queue() {
        Map<String, StateMapping> shipped = new CsvTable<>(Path.of("config/states.csv"), new StatesFormat()).current();
        List<String> onQueue = List.of("READY", "ON_CALL", "AFTER_CALL_WORK");
        for (Map.Entry<String, StateMapping> row : shipped.entrySet()) {
            String state = row.getKey().split("\\|")[0];
            RoutingStatus status = row.getValue().routingStatus();
            assertTrue(row.getValue().presence() != null, "a presence for every state, as before: " + row.getKey());
            if (onQueue.contains(state)) {
                // what real-time adherence takes as on queue
                assertTrue(List.of(RoutingStatus.IDLE, RoutingStatus.INTERACTING,
                        RoutingStatus.COMMUNICATING).contains(status), row.toString());
            } else {
                assertEquals(RoutingStatus.OFF_QUEUE, status, row.toString());
            }
        }
        assertEquals(RoutingStatus.IDLE, shipped.get(StatesFormat.anyReason("READY")).routingStatus());
        assertEquals(RoutingStatus.INTERACTING,
                shipped.get(StatesFormat.anyReason("ON_CALL")).routingStatus());
    }

    @Test
    void a_refused_edit_leaves_the_previous_version_in_use_and_a_fix_takes_effect() throws IOException {
        Path states = dir.resolve("states.csv");
        write(states, SHIPPED_STATES);
        CsvTable<Map<String, StateMapping>> table = new CsvTable<>(states, new StatesFormat());
        Map<String, StateMapping> good = table.current();

        edit(states, replace(SHIPPED_STATES, "READY,", "READY,,,"));
        assertEquals(good, table.current(), "the previous version maps");
        CsvTable.Status status = table.status();
        assertTrue(status.usable());
        assertEquals(9, status.rows());
        assertEquals("mapping file " + states.toAbsolutePath() + " is refused (line " + lineOf(SHIPPED_STATES, "READY,")
                + ": presenceDefinitionId is empty)", status.refused());

        Files.delete(states);
        assertEquals(good, table.current(), "a file moved away while it is edited: the previous version maps");
        assertEquals("mapping file " + states.toAbsolutePath() + " cannot be read (NoSuchFileException: no such file)",
                table.status().refused());

        List<String> withoutLoggedOut = SHIPPED_STATES.stream().filter(line -> !line.startsWith("LOGGED_OUT")).toList();
        edit(states, withoutLoggedOut);
        assertEquals(8, table.current().size(), "the fix is in use");
        assertNull(table.status().refused());
    }

    /** A row that maps to a presence only, as every row did before the routingStatus column. */
    private static StateMapping presence(String presenceDefinitionId, int line, String message) {
        return new StateMapping(new Presence(byId(presenceDefinitionId, line), message), null);
    }

    private static PresenceRef byId(String id, int line) {
        return new PresenceRef(PresenceKey.DEFINITION_ID, id, line);
    }

    /** Writes the file as an editor saving it a second later would (a coarse file system clock sees the change too). */
    private static void edit(Path file, List<String> lines) throws IOException {
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
        write(file, lines);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Math.max(before.toMillis() + 1000,
                Files.getLastModifiedTime(file).toMillis())));
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line starting with {@code prefix}. */
    static int lineOf(List<String> lines, String prefix) {
        return IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith(prefix)).findFirst().orElseThrow() + 1;
    }

    private static List<String> replace(List<String> lines, String prefix, String with) {
        int at = lineOf(lines, prefix) - 1;
        List<String> edited = new ArrayList<>(lines);
        edited.set(at, with);
        return edited;
    }

    private static List<String> append(List<String> lines, String line) {
        List<String> edited = new ArrayList<>(lines);
        edited.add(line);
        return edited;
    }

    private static List<String> replaceInRows(List<String> lines, String from, String to) {
        return lines.stream().map(line -> line.startsWith("#") ? line : line.replace(from, to)).collect(Collectors.toList());
    }
}

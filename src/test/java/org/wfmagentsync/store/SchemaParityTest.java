package org.wfmagentsync.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The PostgreSQL migrations build the schema the H2 ones build: the same tables, columns (type,
 * length, nullability), primary keys and named indexes, read through JDBC's metadata from both.
 * Quartz's job store ({@code qrtz_*}) is PostgreSQL's alone: only a shared database has a
 * clustered schedule.
 */
class SchemaParityTest {

    /** Each vendor's type names, as JDBC reports them, to one name per meaning. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("varchar", "varchar"),
            Map.entry("character large object", "text"), Map.entry("text", "text"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("timestamptz", "timestamptz"),
            Map.entry("integer", "integer"), Map.entry("int4", "integer"),
            Map.entry("bigint", "bigint"), Map.entry("int8", "bigint"),
            Map.entry("boolean", "boolean"), Map.entry("bool", "boolean"));

    @Test
    void postgresql_migrations_build_the_same_schema_as_h2s(@TempDir Path dir) throws SQLException {
        try (Database h2 = Database.open("jdbc:h2:file:" + dir.resolve("state"), "sa", "");
             Database postgres = EmbeddedPostgresServer.newDatabase().open()) {
            Schema expected = Schema.of(h2);
            Schema withQuartz = Schema.of(postgres);
            Schema actual = withQuartz.without(QUARTZ);
            assertEquals(11, withQuartz.keys().size() - actual.keys().size(),
                    "Quartz's eleven tables, on PostgreSQL only: " + withQuartz.keys().keySet());
            assertEquals(Set.of(), expected.keys().keySet().stream().filter(table -> table.startsWith(QUARTZ))
                    .collect(java.util.stream.Collectors.toSet()), "no Quartz table on H2");
            assertEquals(expected.columns(), actual.columns());
            assertEquals(expected.keys(), actual.keys());
            assertEquals(expected.indexes(), actual.indexes());
            assertEquals(Set.of("dead_letter_event", "dead_letter_status_reason", "dead_letter_agent",
                    "dead_letter_attempt_by_entry", "run_summary_started"), actual.indexes().keySet());
            assertEquals("[agent_id, kind]", actual.keys().get("delivered_state"));
            assertEquals("text not null", actual.columns().get("dead_letter.event_json"));
            assertEquals("timestamptz not null", actual.columns().get("run_summary.started_at"));
            assertEquals(10, actual.keys().size(), "ten tables: " + actual.keys().keySet());
            assertEquals("[token_key]", actual.keys().get("rate_window"));
        }
    }

    /** The prefix of Quartz's tables, as PostgreSQL folds their names. */
    private static final String QUARTZ = "qrtz_";

    /** Table.column to its type, tables to their primary keys, index names to their table and columns. */
    private record Schema(Map<String, String> columns, Map<String, String> keys, Map<String, String> indexes) {

        /** This schema without the tables whose names start with {@code prefix}, their columns and indexes. */
        Schema without(String prefix) {
            return new Schema(filtered(columns, prefix), filtered(keys, prefix), indexes.entrySet().stream()
                    .filter(index -> !index.getKey().startsWith("idx_" + prefix) && !index.getValue().startsWith(prefix))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                            TreeMap::new)));
        }

        private static Map<String, String> filtered(Map<String, String> map, String prefix) {
            Map<String, String> kept = new TreeMap<>(map);
            kept.keySet().removeIf(key -> key.startsWith(prefix));
            return kept;
        }

        static Schema of(Database database) throws SQLException {
            Map<String, String> columns = new TreeMap<>();
            Map<String, String> keys = new TreeMap<>();
            Map<String, String> indexes = new TreeMap<>();
            try (Connection connection = database.dataSource().getConnection()) {
                DatabaseMetaData meta = connection.getMetaData();
                String schema = connection.getSchema();
                for (String table : tables(meta, schema)) {
                    String name = table.toLowerCase(Locale.ROOT);
                    try (ResultSet row = meta.getColumns(null, schema, table, null)) {
                        while (row.next()) {
                            String type = TYPES.get(row.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
                            columns.put(name + "." + row.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                                    (type == null ? "unknown " + row.getString("TYPE_NAME") : type)
                                            + ("varchar".equals(type) ? "(" + row.getInt("COLUMN_SIZE") + ")" : "")
                                            + ("NO".equals(row.getString("IS_NULLABLE")) ? " not null" : ""));
                        }
                    }
                    Set<String> key = new TreeSet<>();
                    try (ResultSet row = meta.getPrimaryKeys(null, schema, table)) {
                        while (row.next()) {
                            key.add(row.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                    keys.put(name, key.toString());
                    Map<String, Set<String>> ofTable = new TreeMap<>();
                    try (ResultSet row = meta.getIndexInfo(null, schema, table, false, false)) {
                        while (row.next()) {
                            String index = row.getString("INDEX_NAME");
                            // the indexes the migrations name; each vendor names those of keys its own way
                            if (index != null && index.toLowerCase(Locale.ROOT).startsWith(name + "_")
                                    && !index.toLowerCase(Locale.ROOT).matches(".*(_pkey|_agent_kind|_index_.*)")) {
                                ofTable.computeIfAbsent(index.toLowerCase(Locale.ROOT), i -> new TreeSet<>())
                                        .add(row.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                    ofTable.forEach((index, on) -> indexes.put(index, name + on));
                }
            }
            return new Schema(columns, keys, indexes);
        }

        private static Set<String> tables(DatabaseMetaData meta, String schema) throws SQLException {
            Set<String> tables = new TreeSet<>();
            try (ResultSet row = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (row.next()) {
                    if (!row.getString("TABLE_NAME").equalsIgnoreCase("flyway_schema_history")) {
                        tables.add(row.getString("TABLE_NAME"));
                    }
                }
            }
            return tables;
        }
    }
}

package org.wfmagentsync.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything about the state database that depends on its vendor: the URLs it serves, its
 * connection pool and the settings the connector relies on, the folder of its Flyway migrations,
 * and the SQL that standard SQL does not cover. The repositories speak plain JDBC over a
 * {@code DataSource} and ask their dialect only for that SQL. One class per vendor
 * ({@link H2Dialect}, {@link PostgresDialect}); {@link Dialects} chooses one from the JDBC URL.
 */
public interface Dialect {

    /** The vendor's name in messages, e.g. {@code H2}. */
    String name();

    /** The start of every JDBC URL this dialect serves, e.g. {@code jdbc:h2:}. */
    String urlPrefix();

    /**
     * The Flyway location of this vendor's migrations, one folder per vendor under
     * {@code db/migration}. Named explicitly: Flyway's core does not expand a {@code {vendor}}
     * placeholder (that is Spring Boot's), it would look for a folder of that name and find none.
     */
    String migrations();

    /**
     * A pool of connections to the URL, with this vendor's pool and the settings the connector
     * needs (durability, closing, pool size); the schema is not migrated yet.
     */
    Database connect(String url, String user, String password);

    /**
     * Whether several connector instances may share this database (then they share its run lock,
     * rate budget and schedule); an embedded database serves one process.
     */
    default boolean sharedByInstances() {
        return false;
    }

    /** One sync or replay at a time: in this process, or across every instance when the database is shared. */
    default RunLock runLock(javax.sql.DataSource dataSource) {
        return new LocalRunLock();
    }

    /**
     * SQL that inserts a row or updates the row with the same key; its parameters are the
     * upsert's columns, in order. This is the standard {@code MERGE} (SQL:2003), which H2 runs. A
     * dialect overrides {@link #upsert(Upsert, int)} where its vendor has an upsert that concurrent
     * writers of the same key cannot make fail ({@link PostgresDialect}: {@code INSERT ... ON CONFLICT
     * (key) DO UPDATE SET ... WHERE ...}, with every key column in the conflict target); the
     * parameters stay the same.
     */
    default String upsert(Upsert upsert) {
        return upsert(upsert, 1);
    }

    /**
     * As {@link #upsert(Upsert)} for {@code rows} rows in one statement: the parameters are the
     * columns of the first row, then of the second, and so on. One statement costs the database far
     * less than as many rows in a JDBC batch. No two rows may have the same key: the statement then
     * fails as a whole (both vendors refuse to change a row twice in one statement).
     */
    default String upsert(Upsert upsert, int rows) {
        List<String> columns = upsert.columns();
        List<String> keys = upsert.keys();
        String newestBy = upsert.newestBy();
        return "MERGE INTO " + upsert.table() + " t USING (VALUES " + upsert.parameterRows(rows)
                + ") AS s(" + String.join(", ", columns) + ") ON "
                + keys.stream().map(key -> "t." + key + " = s." + key).collect(Collectors.joining(" AND "))
                + " WHEN MATCHED" + (newestBy == null ? "" : " AND t." + newestBy + " <= s." + newestBy)
                + " THEN UPDATE SET " + columns.stream().filter(column -> !keys.contains(column))
                        .map(column -> column + " = s." + column).collect(Collectors.joining(", "))
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(column -> "s." + column).collect(Collectors.joining(", ")) + ")";
    }
}

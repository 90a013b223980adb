package org.wfmagentsync.store;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL, a state database outside the connector's process: the connector's
 * {@link ConnectionPool}, the migrations in {@code db/migration/postgresql}, and {@code INSERT ...
 * ON CONFLICT ... DO UPDATE} as its upsert (PostgreSQL's {@code MERGE} can fail with a unique
 * violation when two writers insert the same key).
 */
final class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String urlPrefix() {
        return "jdbc:postgresql:";
    }

    @Override
    public String migrations() {
        return "classpath:db/migration/postgresql";
    }

    /** Its sessions are named {@code wfm-agent-sync} in pg_stat_activity, so a DBA can tell them from others. */
    @Override
    public Database connect(String url, String user, String password) {
        return ConnectionPool.open(org.postgresql.Driver.class, url, user, password,
                Map.of("ApplicationName", "wfm-agent-sync"));
    }

    /** Several instances may share it: one run at a time across them, one rate budget, one schedule. */
    @Override
    public boolean sharedByInstances() {
        return true;
    }

    @Override
    public RunLock runLock(javax.sql.DataSource dataSource) {
        return new AdvisoryRunLock(dataSource);
    }

    /**
     * {@code INSERT INTO table AS t (...) VALUES (...), (...) ON CONFLICT (keys) DO UPDATE SET c = EXCLUDED.c, ...},
     * with {@code WHERE t.newestBy <= EXCLUDED.newestBy} when an older row must not replace a newer one
     * (the row is then left as it is). The parameters are the columns, in order, row after row, as for
     * {@code MERGE}.
     */
    @Override
    public String upsert(Upsert upsert, int rows) {
        List<String> columns = upsert.columns();
        List<String> keys = upsert.keys();
        return "INSERT INTO " + upsert.table() + " AS t (" + String.join(", ", columns) + ") VALUES "
                + upsert.parameterRows(rows) + " ON CONFLICT ("
                + String.join(", ", keys) + ") DO UPDATE SET "
                + columns.stream().filter(column -> !keys.contains(column))
                        .map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "))
                + (upsert.newestBy() == null ? "" : " WHERE t." + upsert.newestBy() + " <= EXCLUDED." + upsert.newestBy());
    }
}

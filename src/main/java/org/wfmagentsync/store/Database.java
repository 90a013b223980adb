package org.wfmagentsync.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connector's own state database (embedded H2 by default, or PostgreSQL), open: the pool of connections the
 * repositories use as a plain {@link DataSource}, with the schema migrated before anything uses it.
 * The vendor's pool, settings and migrations come from its {@link Dialect}.
 */
public final class Database implements AutoCloseable {

    private final DataSource dataSource;
    private final Runnable closePool;

    /** For dialects: the vendor's pool, and how to close it. */
    Database(DataSource dataSource, Runnable closePool) {
        this.dataSource = dataSource;
        this.closePool = closePool;
    }

    /**
     * Opens a pool on the JDBC URL and brings the schema up to date with the dialect's migrations;
     * an unsupported URL is refused (see {@link Dialects#forUrl}). Close it on stop.
     */
    public static Database open(String url, String user, String password) {
        Dialect dialect = Dialects.forUrl(url);
        Database database = dialect.connect(url, user, password);
        try {
            // A dialect naming a folder that is not there fails the start instead of leaving an empty schema.
            Flyway.configure().dataSource(database.dataSource).locations(dialect.migrations())
                    .failOnMissingLocations(true).load().migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** What the repositories use: connections from the pool. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool and, for an embedded database, the database with it. */
    @Override
    public void close() {
        closePool.run();
    }
}

package org.wfmagentsync.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's own state database (embedded H2 by default, or PostgreSQL), open: the pool of connections the
 * repositories use as a plain {@link DataSource}, with the schema migrated before anything uses it.
 * The vendor's pool, settings and migrations come from its {@link Dialect}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DataSource dataSource;
    private final Runnable closePool;
    private final Dialect dialect;
    private final RunLock runLock;

    /** For dialects: the vendor's pool, and how to close it. */
    Database(DataSource dataSource, Runnable closePool) {
        this(dataSource, closePool, null);
    }

    private Database(DataSource dataSource, Runnable closePool, Dialect dialect) {
        this.dataSource = dataSource;
        this.closePool = closePool;
        this.dialect = dialect;
        this.runLock = dialect == null ? null : dialect.runLock(dataSource);
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
            // on PostgreSQL, Flyway holds an advisory lock while it migrates: an instance starting at the same time
            // waits for it, then finds the schema up to date
            MigrateResult result = Flyway.configure().dataSource(database.dataSource).locations(dialect.migrations())
                    .failOnMissingLocations(true).load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("state database migrated from version {} to version {} ({} migration(s))",
                        result.initialSchemaVersion == null ? "none (empty)" : result.initialSchemaVersion,
                        result.targetSchemaVersion, result.migrationsExecuted);
            } else {
                LOG.info("state database schema is up to date (version {})", result.initialSchemaVersion);
            }
            return new Database(database.dataSource, database.closePool, dialect);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** What the repositories use: connections from the pool. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether several connector instances may share this database ({@link Dialect#sharedByInstances()}). */
    public boolean sharedByInstances() {
        return dialect.sharedByInstances();
    }

    /** The lock that keeps runs (sync and replay) from overlapping, one per open database. */
    public RunLock runLock() {
        return runLock;
    }

    /** The vendor's name, e.g. {@code PostgreSQL}. */
    public String vendor() {
        return dialect.name();
    }

    /** Closes the pool and, for an embedded database, the database with it. */
    @Override
    public void close() {
        closePool.run();
    }
}

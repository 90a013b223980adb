package org.wfmagentsync.store;

import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connector's own state database (embedded H2 by default), with its schema migrated at start. */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {
    }

    /** Opens a pool on the JDBC URL and brings the schema up to date before anything uses it; dispose it on stop. */
    public static JdbcConnectionPool open(String url, String user, String password) {
        if (!url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("wfm.db.url: only embedded H2 (jdbc:h2:...) is supported so far, got "
                    + redact(url));
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(withSafeSettings(url), user, password);
        pool.setMaxConnections(16);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return pool;
    }

    /**
     * The URL with the settings a crash or a stop must not undo, unless the URL sets them itself:
     * <ul>
     * <li>{@code WRITE_DELAY=0}: H2 keeps committed changes in memory for up to 500 ms by default,
     * so a process killed in that time loses them (a dead letter an operator was already shown, a
     * delivery the connector recorded). With 0 a commit is in the operating system's hands when it
     * returns, and survives the process being killed. Another value is kept, with a warning.</li>
     * <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2 otherwise closes the database from its own shutdown
     * hook as soon as a stop begins (SIGTERM), while Camel is still finishing the requests in flight,
     * which then cannot record what Genesys Cloud accepted. The connector closes the database itself,
     * after its routes have stopped.</li>
     * </ul>
     */
    static String withSafeSettings(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        String safe = url;
        String writeDelay = setting(upper, "WRITE_DELAY");
        if (writeDelay == null) {
            safe += url.startsWith("jdbc:h2:mem:") ? "" : ";WRITE_DELAY=0";
        } else if (!writeDelay.equals("0")) {
            LOG.warn("wfm.db.url sets WRITE_DELAY={}: a crash may lose the state committed in the last {} ms"
                    + " (dead letters, delivered states); leave it out to have every commit written at once",
                    writeDelay, writeDelay);
        }
        if (setting(upper, "DB_CLOSE_ON_EXIT") == null) {
            safe += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return safe;
    }

    private static String setting(String upperUrl, String name) {
        int at = upperUrl.indexOf(";" + name + "=");
        return at < 0 ? null : upperUrl.substring(at + name.length() + 2).split(";", 2)[0].trim();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)password=[^;&]*", "password=***");
    }
}

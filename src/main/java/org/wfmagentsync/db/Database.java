package org.wfmagentsync.db;

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
        JdbcConnectionPool pool = JdbcConnectionPool.create(durable(url), user, password);
        pool.setMaxConnections(16);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return pool;
    }

    /**
     * The URL with every commit written to the file before it returns. H2 keeps committed changes in
     * memory for up to {@code WRITE_DELAY} milliseconds (500 by default), so a process killed in that
     * time loses them: a dead letter an operator was already shown, a delivery the connector
     * recorded. With {@code WRITE_DELAY=0} a commit is in the operating system's hands when it
     * returns, so it survives the process being killed. An explicit {@code WRITE_DELAY} in the URL
     * is kept, with a warning.
     */
    static String durable(String url) {
        if (url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        int at = upper.indexOf(";WRITE_DELAY=");
        if (at < 0) {
            return url + ";WRITE_DELAY=0";
        }
        String value = upper.substring(at + ";WRITE_DELAY=".length()).split(";", 2)[0].trim();
        if (!value.equals("0")) {
            LOG.warn("wfm.db.url sets WRITE_DELAY={}: a crash may lose the state committed in the last {} ms"
                    + " (dead letters, delivered states); leave it out to have every commit written at once", value, value);
        }
        return url;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)password=[^;&]*", "password=***");
    }
}

package org.wfmagentsync.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/** The connector's own state database (embedded H2 by default), with its schema migrated at start. */
public final class Database {

    private Database() {
    }

    /** Opens a pool on the JDBC URL and brings the schema up to date before anything uses it; dispose it on stop. */
    public static JdbcConnectionPool open(String url, String user, String password) {
        if (!url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("wfm.db.url: only embedded H2 (jdbc:h2:...) is supported so far, got "
                    + url.replaceAll("password=[^;&]*", "password=***"));
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
        pool.setMaxConnections(16);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return pool;
    }
}

package org.wfmagentsync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Driver;
import java.util.Map;

/**
 * The state database's connection pool, one kind for every vendor: HikariCP, which connects at
 * once (a wrong URL, user or password, or an H2 file another process holds, stops the start; the
 * driver's message names the user, never the password, and HikariCP masks it in what it logs) and
 * hands a connection out as it was returned. H2's own pool rolled every connection back when it
 * handed it out, and with {@code WRITE_DELAY=0} each of those rollbacks wrote a chunk to the file,
 * as a commit does: 7% of the connector's profile samples at a raised rate (docs/BENCHMARKS.md).
 */
final class ConnectionPool {

    /** The most connections open: a caller beyond them waits for one to come back (30 s at most, then an error). */
    static final int MAX_CONNECTIONS = 16;

    private ConnectionPool() {
    }

    /**
     * A pool of at most {@link #MAX_CONNECTIONS}, one open from the start, with the driver's properties given.
     * The driver is named, not looked up by URL in {@code DriverManager}: in Karaf a bundle installed
     * again cannot see the driver its earlier copy registered there, and its own is not registered
     * until its class is loaded ("Failed to get driver instance for jdbcUrl=...", found by KarafIT).
     */
    static Database open(Class<? extends Driver> driver, String url, String user, String password,
            Map<String, String> driverProperties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("wfm-state");
        config.setDriverClassName(driver.getName());
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        driverProperties.forEach(config::addDataSourceProperty);
        HikariDataSource pool = new HikariDataSource(config);
        return new Database(pool, pool::close);
    }
}

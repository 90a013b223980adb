package org.wfmagentsync.store;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded H2, the default state database: the connector's {@link ConnectionPool}, the URL
 * settings a crash or a stop must not undo, and the migrations in {@code db/migration/h2}. Its
 * upsert is the standard {@code MERGE} of {@link Dialect}.
 */
final class H2Dialect implements Dialect {

    private static final Logger LOG = LoggerFactory.getLogger(H2Dialect.class);

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String urlPrefix() {
        return "jdbc:h2:";
    }

    @Override
    public String migrations() {
        return "classpath:db/migration/h2";
    }

    @Override
    public Database connect(String url, String user, String password) {
        return ConnectionPool.open(org.h2.Driver.class, withSafeSettings(url), user, password, Map.of());
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
}

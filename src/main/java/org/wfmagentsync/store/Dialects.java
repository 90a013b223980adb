package org.wfmagentsync.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The state databases the connector supports, and the one place a JDBC URL is matched to its dialect. */
public final class Dialects {

    /** A new vendor is its dialect here, its migrations folder and its JDBC driver (and pool) in the build. */
    private static final List<Dialect> SUPPORTED = List.of(new H2Dialect(), new PostgresDialect());

    private Dialects() {
    }

    /** The dialect serving the URL; an unsupported URL is refused, naming it (password masked) and the supported ones. */
    public static Dialect forUrl(String url) {
        String given = url == null ? "" : url;
        return SUPPORTED.stream().filter(dialect -> given.startsWith(dialect.urlPrefix())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("wfm.db.url: '" + masked(given)
                        + "' is not a database the connector can keep its state in; supported: "
                        + SUPPORTED.stream().map(dialect -> dialect.name() + " (" + dialect.urlPrefix() + "...)")
                                .collect(Collectors.joining(", "))));
    }

    /** The dialect of the database a data source connects to, from the URL its connections report. */
    public static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return forUrl(connection.getMetaData().getURL());
        } catch (SQLException e) {
            throw new IllegalStateException("state database error: " + e.getMessage(), e);
        }
    }

    /** The URL as it may be shown: a password in it (H2's {@code ;PASSWORD=}, a query's {@code &password=}) masked. */
    static String masked(String url) {
        return url.replaceAll("(?i)password=[^;&]*", "password=***");
    }
}

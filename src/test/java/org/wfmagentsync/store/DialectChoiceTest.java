package org.wfmagentsync.store;

import java.nio.file.Path;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialectChoiceTest {

    @Test
    void an_h2_url_is_served_by_h2_with_its_own_migrations_folder() {
        Dialect dialect = Dialects.forUrl("jdbc:h2:file:./data/wfm-agent-sync");
        assertEquals("H2", dialect.name());
        assertEquals("classpath:db/migration/h2", dialect.migrations());
        assertEquals("H2", Dialects.forUrl("jdbc:h2:mem:sandbox").name());
    }

    @Test
    void a_postgresql_url_is_served_by_postgresql_with_its_own_migrations_folder() {
        Dialect dialect = Dialects.forUrl("jdbc:postgresql://db:5432/wfm?ssl=true");
        assertEquals("PostgreSQL", dialect.name());
        assertEquals("classpath:db/migration/postgresql", dialect.migrations());
    }

    @Test
    void postgresqls_upsert_updates_on_a_key_conflict_and_only_with_a_change_at_least_as_recent() {
        assertEquals("INSERT INTO delivered_state AS t (agent_id, kind, status, changed_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (agent_id, kind) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at"
                + " WHERE t.changed_at <= EXCLUDED.changed_at", new PostgresDialect().upsert(Upsert.keepingNewest(
                        "delivered_state", List.of("agent_id", "kind"), "changed_at", "agent_id", "kind", "status",
                        "changed_at")));
        assertEquals("INSERT INTO run_summary AS t (run_id, outcome) VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET"
                + " outcome = EXCLUDED.outcome", new PostgresDialect().upsert(Upsert.replacing("run_summary", "run_id",
                        "run_id", "outcome")));
    }

    @Test
    void an_unsupported_url_is_refused_naming_it_with_its_password_masked_and_the_databases_supported() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Dialects.forUrl("jdbc:mariadb://db:3306/wfm?user=wfm&password=s3cret&ssl=true"));
        assertEquals("wfm.db.url: 'jdbc:mariadb://db:3306/wfm?user=wfm&password=***&ssl=true' is not a database"
                + " the connector can keep its state in; supported: H2 (jdbc:h2:...), PostgreSQL (jdbc:postgresql:...)",
                refused.getMessage());

        String semicolons = assertThrows(IllegalArgumentException.class,
                () -> Dialects.forUrl("jdbc:sqlserver://db;user=sa;PASSWORD=s3cret;encrypt=true")).getMessage();
        assertFalse(semicolons.contains("s3cret"), semicolons);
    }

    @Test
    void opening_an_unsupported_url_fails_with_the_same_message_before_anything_is_opened() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Database.open("jdbc:mysql://db/wfm?password=s3cret", "wfm", "s3cret"));
        assertEquals("wfm.db.url: 'jdbc:mysql://db/wfm?password=***' is not a database the connector can keep its"
                + " state in; supported: H2 (jdbc:h2:...), PostgreSQL (jdbc:postgresql:...)", refused.getMessage());
    }

    @Test
    void a_postgresql_that_cannot_be_reached_stops_the_open_without_the_password_in_any_message() {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/wfm";
        RuntimeException refused = assertThrows(RuntimeException.class, () -> Database.open(url, "wfm", "s3cret-pw"));
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains("s3cret-pw"), cause.toString());
        }
        assertTrue(refused.getMessage().contains("localhost:" + closedPort), refused.getMessage());
    }

    @Test
    void a_data_sources_dialect_is_the_one_of_the_url_its_connections_report(@TempDir Path dir) {
        JdbcDataSource plain = new JdbcDataSource();
        plain.setURL("jdbc:h2:file:" + dir.resolve("state"));
        plain.setUser("sa");
        assertEquals("H2", Dialects.of(plain).name());
    }
}

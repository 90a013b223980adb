package org.wfmagentsync.store;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DialectChoiceTest {

    @Test
    void an_h2_url_is_served_by_h2_with_its_own_migrations_folder() {
        Dialect dialect = Dialects.forUrl("jdbc:h2:file:./data/wfm-agent-sync");
        assertEquals("H2", dialect.name());
        assertEquals("classpath:db/migration/h2", dialect.migrations());
        assertEquals("H2", Dialects.forUrl("jdbc:h2:mem:sandbox").name());
    }

    @Test
    void an_unsupported_url_is_refused_naming_it_with_its_password_masked_and_the_databases_supported() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Dialects.forUrl("jdbc:postgresql://db:5432/wfm?user=wfm&password=s3cret&ssl=true"));
        assertEquals("wfm.db.url: 'jdbc:postgresql://db:5432/wfm?user=wfm&password=***&ssl=true' is not a database"
                + " the connector can keep its state in; supported: H2 (jdbc:h2:...)", refused.getMessage());

        String semicolons = assertThrows(IllegalArgumentException.class,
                () -> Dialects.forUrl("jdbc:sqlserver://db;user=sa;PASSWORD=s3cret;encrypt=true")).getMessage();
        assertFalse(semicolons.contains("s3cret"), semicolons);
    }

    @Test
    void opening_an_unsupported_url_fails_with_the_same_message_before_anything_is_opened() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Database.open("jdbc:mysql://db/wfm?password=s3cret", "wfm", "s3cret"));
        assertEquals("wfm.db.url: 'jdbc:mysql://db/wfm?password=***' is not a database the connector can keep its"
                + " state in; supported: H2 (jdbc:h2:...)", refused.getMessage());
    }

    @Test
    void a_data_sources_dialect_is_the_one_of_the_url_its_connections_report(@TempDir Path dir) {
        JdbcDataSource plain = new JdbcDataSource();
        plain.setURL("jdbc:h2:file:" + dir.resolve("state"));
        plain.setUser("sa");
        assertEquals("H2", Dialects.of(plain).name());
    }
}

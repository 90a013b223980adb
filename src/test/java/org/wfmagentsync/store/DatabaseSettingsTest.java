package org.wfmagentsync.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatabaseSettingsTest {

    @Test
    void a_file_database_writes_every_commit_at_once_and_is_closed_by_the_connector_not_by_h2s_shutdown_hook() {
        assertEquals("jdbc:h2:file:./data/x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                H2Dialect.withSafeSettings("jdbc:h2:file:./data/x"));
    }

    @Test
    void settings_the_url_gives_itself_are_kept() {
        assertEquals("jdbc:h2:file:./data/x;write_delay=200;DB_CLOSE_ON_EXIT=TRUE",
                H2Dialect.withSafeSettings("jdbc:h2:file:./data/x;write_delay=200;DB_CLOSE_ON_EXIT=TRUE"));
    }

    @Test
    void an_in_memory_database_has_nothing_to_write_but_is_still_closed_by_the_connector() {
        assertEquals("jdbc:h2:mem:sandbox;DB_CLOSE_ON_EXIT=FALSE", H2Dialect.withSafeSettings("jdbc:h2:mem:sandbox"));
    }
}

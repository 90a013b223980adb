package org.wfmagentsync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.wfmagentsync.store.LearnedLimitStore.LearnedLimit;

/** On embedded H2 and on a real PostgreSQL, each test with a database of its own. */
class LearnedLimitStoreTest {

    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

    private Database database;

    @BeforeEach
    void open(StateDatabase stateDatabase) {
        database = stateDatabase.open();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnH2AndPostgres
    void a_learned_level_is_kept_per_tenant_and_scope_and_the_last_write_wins() {
        LearnedLimitStore store = new LearnedLimitStore(database.dataSource());
        assertEquals(Optional.empty(), store.find("api.example.com|client", "window"), "nothing learned yet");

        store.save("api.example.com|client", "window", new LearnedLimit(3, T));
        store.save("api.example.com|client", "normal", new LearnedLimit(8, T.plusSeconds(60)));
        store.save("api.other.com|client", "window", new LearnedLimit(5, T));
        store.save("api.example.com|client", "window", new LearnedLimit(2, T.plusSeconds(120)));

        assertEquals(Optional.of(new LearnedLimit(2, T.plusSeconds(120))), store.find("api.example.com|client", "window"));
        assertEquals(Optional.of(new LearnedLimit(8, T.plusSeconds(60))), store.find("api.example.com|client", "normal"));
        assertEquals(Optional.of(new LearnedLimit(5, T)), store.find("api.other.com|client", "window"));
    }
}

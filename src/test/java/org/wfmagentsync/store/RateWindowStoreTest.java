package org.wfmagentsync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.wfmagentsync.model.RateWindow;

/** On embedded H2 and on a real PostgreSQL, each test with a database of its own. */
class RateWindowStoreTest {

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
    void a_token_starts_fresh_and_keeps_what_an_update_made_of_it_across_a_reopen(StateDatabase stateDatabase) {
        RateWindowStore store = new RateWindowStore(database.dataSource(), Clock.systemUTC());
        assertEquals(RateWindow.FRESH, store.read("token-a"));

        RateWindow paused = new RateWindow(1_000, 7, 61_000, 1, true, false);
        assertEquals(paused, store.update("token-a", fresh -> {
            assertEquals(RateWindow.FRESH, fresh);
            return paused;
        }));
        database.close();
        database = stateDatabase.open();

        RateWindowStore reopened = new RateWindowStore(database.dataSource(), Clock.systemUTC());
        assertEquals(paused, reopened.read("token-a"));
        assertEquals(RateWindow.FRESH, reopened.read("token-b"), "each token its own budget");
    }

    /**
     * Updates from many threads, each on a connection of its own (as two instances are), are applied
     * one after the other: none is lost to another's overlapping read.
     */
    @OnH2AndPostgres
    void concurrent_updates_of_one_token_are_applied_one_at_a_time() throws Exception {
        RateWindowStore store = new RateWindowStore(database.dataSource(), Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> updates = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                updates.add(threads.submit(() -> store.update("shared", window -> new RateWindow(window.windowStart(),
                        window.sentInWindow() + 1, window.pausedUntil(), window.pauses(), window.aligned(),
                        window.asking()))));
            }
            for (Future<?> update : updates) {
                update.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(400, store.read("shared").sentInWindow());
    }
}

package org.wfmagentsync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.wfmagentsync.model.DirectoryUser;
import org.wfmagentsync.model.PresenceDefinition;

/** On embedded H2 and on a real PostgreSQL, each test with a database of its own. */
class DirectoryStoreTest {

    static final OffsetDateTime T = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    static final DirectoryUser ANA = new DirectoryUser("u-1", "Ana", "ana@example.com", "ana", "E1");
    static final DirectoryUser BEN = new DirectoryUser("u-2", "Ben", "ben@example.com", "ben", null);
    static final PresenceDefinition LUNCH = new PresenceDefinition("p-1", "Lunch", "User",
            Map.of("en_US", "Lunch", "fr", "D\u00e9jeuner"), "Meal", false);
    static final PresenceDefinition SMOKE = new PresenceDefinition("p-2", "Smoke break", "User", Map.of(), "Break", true);

    private StateDatabase stateDatabase;
    private Database database;
    private DirectoryStore store;

    @BeforeEach
    void open(StateDatabase stateDatabase) {
        this.stateDatabase = stateDatabase;
        database = stateDatabase.open();
        store = new DirectoryStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnH2AndPostgres
    void nothing_is_there_before_the_first_refresh() {
        assertTrue(store.users().isEmpty());
        assertTrue(store.presences().isEmpty());
    }

    @OnH2AndPostgres
    void each_refresh_replaces_its_part_whole_and_survives_a_restart() {
        store.replaceUsers(List.of(ANA, BEN), T);
        store.replacePresences(List.of(LUNCH, SMOKE), T);
        store.replaceUsers(List.of(BEN), T.plusMinutes(15));

        database.close();
        database = stateDatabase.open();
        store = new DirectoryStore(database.dataSource());
        DirectoryStore.Refreshed<DirectoryUser> users = store.users().orElseThrow();
        assertEquals(List.of(BEN), users.entries());
        assertEquals(T.plusMinutes(15).toInstant(), users.refreshedAt().toInstant());
        DirectoryStore.Refreshed<PresenceDefinition> presences = store.presences().orElseThrow();
        assertEquals(List.of(LUNCH, SMOKE), presences.entries(), "labels in every language, deactivated kept as such");
        assertEquals(T.toInstant(), presences.refreshedAt().toInstant());
    }

    @OnH2AndPostgres
    void an_empty_org_is_a_refresh_too_and_a_user_listed_twice_is_kept_once() {
        store.replaceUsers(List.of(), T);
        assertEquals(List.of(), store.users().orElseThrow().entries());
        store.replaceUsers(List.of(ANA, BEN, ANA), T);
        assertEquals(List.of(ANA, BEN), store.users().orElseThrow().entries());
    }

    @OnH2AndPostgres
    void a_refresh_that_cannot_be_kept_leaves_the_previous_one() {
        store.replaceUsers(List.of(ANA), T);
        DirectoryUser tooLong = new DirectoryUser("u-3", "x".repeat(2000), null, null, null);
        assertThrows(IllegalStateException.class, () -> store.replaceUsers(List.of(BEN, tooLong), T.plusMinutes(1)));
        assertEquals(List.of(ANA), store.users().orElseThrow().entries());
        assertEquals(T.toInstant(), store.users().orElseThrow().refreshedAt().toInstant());
    }
}

package org.wfmagentsync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The run lock: on PostgreSQL shared by every instance on the database (two pools here, as two
 * connector processes have), let go when its holder lets go or its session ends; on H2, this
 * process's.
 */
class RunLockTest {

    @Test
    void on_postgresql_an_instance_cannot_take_the_lock_another_instance_holds_until_it_lets_go() {
        EmbeddedPostgresServer.Account account = EmbeddedPostgresServer.newDatabase();
        try (Database first = account.open(); Database second = account.open()) {
            assertTrue(first.runLock().acrossInstances());
            RunLock.Held held = first.runLock().tryAcquire(Duration.ZERO).orElseThrow();
            assertEquals(Optional.empty(), second.runLock().tryAcquire(Duration.ZERO));
            assertEquals(Optional.empty(), second.runLock().tryAcquire(Duration.ofMillis(200)),
                    "a bounded wait ends empty while the other still holds it");
            held.close();
            second.runLock().tryAcquire(Duration.ZERO).orElseThrow().close();
        }
    }

    @Test
    void on_postgresql_a_waiting_instance_gets_the_lock_when_the_holder_lets_go() throws Exception {
        EmbeddedPostgresServer.Account account = EmbeddedPostgresServer.newDatabase();
        try (Database first = account.open(); Database second = account.open()) {
            RunLock.Held held = first.runLock().tryAcquire(Duration.ZERO).orElseThrow();
            CompletableFuture<Optional<RunLock.Held>> waiting = CompletableFuture.supplyAsync(
                    () -> second.runLock().tryAcquire(Duration.ofSeconds(30)));
            assertFalse(waiting.isDone());
            held.close();
            waiting.get(30, TimeUnit.SECONDS).orElseThrow().close();
        }
    }

    /** A process killed during a run: its session ends, and PostgreSQL lets the lock go with it. */
    @Test
    void on_postgresql_the_lock_goes_when_the_session_holding_it_ends() throws Exception {
        EmbeddedPostgresServer.Account account = EmbeddedPostgresServer.newDatabase();
        try (Database first = account.open(); Database second = account.open()) {
            first.runLock().tryAcquire(Duration.ZERO).orElseThrow();
            assertEquals(Optional.empty(), second.runLock().tryAcquire(Duration.ZERO));
            try (Connection admin = second.dataSource().getConnection(); Statement kill = admin.createStatement()) {
                // what the server does when the holder's process dies: the session ends
                kill.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND objid = " + (AdvisoryRunLock.KEY & 0xffffffffL));
            }
            second.runLock().tryAcquire(Duration.ofSeconds(30)).orElseThrow().close();
        }
    }

    @Test
    void on_h2_the_lock_is_this_process_s() {
        try (Database h2 = Database.open("jdbc:h2:mem:run-lock-" + System.nanoTime(), "sa", "")) {
            RunLock lock = h2.runLock();
            assertFalse(lock.acrossInstances());
            RunLock.Held held = lock.tryAcquire(Duration.ZERO).orElseThrow();
            assertEquals(Optional.empty(), lock.tryAcquire(Duration.ofMillis(50)));
            held.close();
            lock.tryAcquire(Duration.ZERO).orElseThrow().close();
        }
    }
}

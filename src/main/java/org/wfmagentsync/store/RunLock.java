package org.wfmagentsync.store;

import java.time.Duration;
import java.util.Optional;

/**
 * One sync or replay at a time. With an embedded state database that means in this process; with a
 * shared one it means across every connector instance on the database (a PostgreSQL advisory lock,
 * held by a session of the pool for as long as the run lasts, and let go by the server when that
 * session ends, also when the process holding it is killed). Which one the state database needs,
 * its {@link Dialect} says.
 */
public interface RunLock {

    /** The lock, held: closing it lets it go. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lock, waiting at most {@code wait} for the run that holds it; empty when that run
     * still holds it then.
     */
    Optional<Held> tryAcquire(Duration wait);

    /** Whether the lock is shared by every instance on the state database, not only this process's. */
    boolean acrossInstances();
}

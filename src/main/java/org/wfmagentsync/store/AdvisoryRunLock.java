package org.wfmagentsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run lock across every instance on a PostgreSQL state database: a session-level advisory lock,
 * taken on a connection of the pool that the run keeps until it ends. PostgreSQL lets the lock go
 * when that session ends, so a process that is killed in the middle of a run does not keep it: the
 * next instance to try takes it, and finds the dead run still {@code RUNNING} (see
 * {@code run.InterruptedRuns}). A wait is PostgreSQL's own ({@code lock_timeout}), not a poll.
 */
final class AdvisoryRunLock implements RunLock {

    /** The lock's key: "wfm-run" in ASCII. Every instance on the database uses it; nothing else should. */
    static final long KEY = 0x77666d2d72756eL;
    /** PostgreSQL's SQLSTATE for a lock wait that ran out of time (lock_not_available). */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryRunLock.class);

    private final DataSource dataSource;
    /** In this process first: one pooled session waits on PostgreSQL, not one per caller. */
    private final LocalRunLock local = new LocalRunLock();

    AdvisoryRunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Held> tryAcquire(Duration wait) {
        long start = System.nanoTime();
        Optional<Held> here = local.tryAcquire(wait);
        if (here.isEmpty()) {
            return Optional.empty();
        }
        Duration left = wait.minusNanos(System.nanoTime() - start);
        Connection session = null;
        try {
            session = dataSource.getConnection();
            session.setAutoCommit(true);
            if (lock(session, left)) {
                Connection held = session;
                Held process = here.get();
                return Optional.of(() -> release(held, process));
            }
        } catch (SQLException e) {
            here.get().close();
            closeQuietly(session);
            throw new IllegalStateException("state database error taking the run lock: " + e.getMessage(), e);
        }
        here.get().close();
        closeQuietly(session);
        return Optional.empty();
    }

    private static boolean lock(Connection session, Duration wait) throws SQLException {
        if (wait.toMillis() <= 0) {
            try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, KEY);
                try (ResultSet row = lock.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        }
        try (Statement timeout = session.createStatement()) {
            timeout.execute("SET lock_timeout = " + Math.max(1, wait.toMillis()));
        }
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, KEY);
            lock.execute();
            return true;
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            try (Statement reset = session.createStatement()) {
                reset.execute("RESET lock_timeout");
            }
        }
    }

    private static void release(Connection session, Held process) {
        try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, KEY);
            unlock.execute();
        } catch (SQLException e) {
            // the session is gone (the database restarted, the network broke): so is the lock it held
            LOG.warn("run lock: the session that held it is gone ({}); the lock went with it", e.getMessage());
        } finally {
            closeQuietly(session);
            process.close();
        }
    }

    private static void closeQuietly(Connection session) {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // the pool replaces a broken connection
            }
        }
    }

    @Override
    public boolean acrossInstances() {
        return true;
    }
}

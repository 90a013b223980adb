package org.wfmagentsync.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes what many threads hand in at about the same time in one transaction, and releases each
 * caller only once that transaction has committed: a caller that returns has its items as durable
 * as if it had committed them alone, at the cost of one commit for the whole group. Whoever arrives
 * while no transaction is being written writes the next one, with everything queued by then; the
 * others wait for it (there is no writer thread to start or stop). When a group's transaction fails,
 * each caller's items are written again in a transaction of their own, so one caller's bad items
 * never fail another's.
 *
 * @param <T> what one caller hands in
 */
final class GroupCommit<T> {

    /** One caller's items and, once written, how it went. */
    private static final class Pending<T> {
        final T items;
        boolean done;
        boolean committed;
        RuntimeException failure;

        Pending(T items) {
            this.items = items;
        }
    }

    private final Consumer<List<T>> transaction;
    private final Object lock = new Object();
    private List<Pending<T>> queue = new ArrayList<>();
    private boolean writing;

    /** @param transaction writes and commits the items of several callers in one transaction, or throws */
    GroupCommit(Consumer<List<T>> transaction) {
        this.transaction = transaction;
    }

    /** Returns once these items are committed, with others' or alone; throws what their transaction threw. */
    void commit(T items) {
        Pending<T> mine = new Pending<>(items);
        List<Pending<T>> group;
        boolean interrupted = false;
        synchronized (lock) {
            queue.add(mine);
            // not interruptible: the items are queued, and the caller must learn whether they were committed
            while (writing && !mine.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!mine.done) {
                writing = true;
                group = queue;
                queue = new ArrayList<>();
            } else {
                group = null;
            }
        }
        if (group != null) {
            write(group);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!mine.committed) {
            throw mine.failure;
        }
    }

    /** How many callers wait for the next transaction (for tests). */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void write(List<Pending<T>> group) {
        try {
            if (group.size() > 1) {
                try {
                    transaction.accept(group.stream().map(pending -> pending.items).toList());
                    group.forEach(pending -> pending.committed = true);
                    return;
                } catch (RuntimeException e) {
                    // which caller's items failed it is not known: each is tried alone below
                }
            }
            for (Pending<T> pending : group) {
                try {
                    transaction.accept(List.of(pending.items));
                    pending.committed = true;
                } catch (RuntimeException e) {
                    pending.failure = e;
                }
            }
        } finally {
            synchronized (lock) {
                for (Pending<T> pending : group) {
                    if (!pending.committed && pending.failure == null) {
                        // the writer itself failed (an Error): nothing of these is known to be committed
                        pending.failure = new IllegalStateException("state database error: not committed");
                    }
                    pending.done = true;
                }
                writing = false;
                lock.notifyAll();
            }
        }
    }
}

package org.wfmagentsync.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The run lock of a state database only this process uses (embedded H2): a semaphore of one. */
final class LocalRunLock implements RunLock {

    private final Semaphore slot = new Semaphore(1);

    @Override
    public Optional<Held> tryAcquire(Duration wait) {
        try {
            if (!slot.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(slot::release);
    }

    @Override
    public boolean acrossInstances() {
        return false;
    }
}

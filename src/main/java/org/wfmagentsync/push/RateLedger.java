package org.wfmagentsync.push;

import java.util.function.Function;
import org.wfmagentsync.model.RateWindow;

/**
 * Where the client token's {@link RatePacer} lives. With an embedded state database one process uses
 * the token, and the pacer lives in memory ({@link #inMemory}). With a shared one every instance on
 * the token works on one pacer kept in the database, one step at a time across the instances
 * ({@link #shared}): the per-minute ceiling and a {@code Retry-After} pause hold for all of them
 * together.
 */
public interface RateLedger {

    /** Keeps and locks a token's pacer state; one step at a time per key, across every instance. */
    interface Store {
        /** Applies {@code change} to the key's state (fresh when there is none) and keeps what it returns. */
        RateWindow update(String key, java.util.function.UnaryOperator<RateWindow> change);
    }

    /**
     * Runs {@code step} on the pacer as it stands now and keeps what the step changed; callers do not
     * overlap (the {@link PushGate} holds its lock).
     */
    <T> T apply(Function<RatePacer, T> step);

    /** Whether other instances move the pacer too (then a wait is looked at again within a second). */
    boolean shared();

    /** The pacer of a token this process alone uses. */
    static RateLedger inMemory(RatePacer pacer) {
        return new RateLedger() {
            @Override
            public <T> T apply(Function<RatePacer, T> step) {
                return step.apply(pacer);
            }

            @Override
            public boolean shared() {
                return false;
            }
        };
    }

    /** The pacer of the token {@code key} names, kept in {@code store} for every instance on it. */
    static RateLedger shared(Store store, String key, int perWindow) {
        return new RateLedger() {
            @Override
            public <T> T apply(Function<RatePacer, T> step) {
                Object[] result = new Object[1];
                store.update(key, window -> {
                    RatePacer pacer = new RatePacer(perWindow, window);
                    result[0] = step.apply(pacer);
                    return pacer.window();
                });
                @SuppressWarnings("unchecked")
                T answer = (T) result[0];
                return answer;
            }

            @Override
            public boolean shared() {
                return true;
            }
        };
    }
}

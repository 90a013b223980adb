package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RateWindow;

/**
 * Two instances on one token, each with a ledger of its own over one store (kept in memory here;
 * {@code RateWindowStoreTest} holds the database's to one-at-a-time updates): what one spends or
 * is told, the other sees.
 */
class RateLedgerTest {

    /** One row per key, as the state database keeps it. */
    private static final class Kept implements RateLedger.Store {
        final Map<String, RateWindow> rows = new HashMap<>();

        @Override
        public synchronized RateWindow update(String key, UnaryOperator<RateWindow> change) {
            RateWindow next = change.apply(rows.getOrDefault(key, RateWindow.FRESH));
            rows.put(key, next);
            return next;
        }
    }

    private static void send(RateLedger ledger, long at) {
        ledger.apply(rate -> rate.sent(at));
    }

    private static void pause(RateLedger ledger, long at, long millis) {
        ledger.apply(rate -> {
            rate.retryAfter(at, millis);
            return null;
        });
    }

    private static long waitAt(RateLedger ledger, long at) {
        return ledger.<Long>apply(rate -> rate.waitMillis(at));
    }

    @Test
    void the_ceiling_is_spent_by_both_instances_together() {
        Kept store = new Kept();
        RateLedger first = RateLedger.shared(store, "token", 3);
        RateLedger second = RateLedger.shared(store, "token", 3);
        pause(first, 0, 0); // aligned with the server's windows from 0
        send(first, 0);
        send(first, 1);
        send(second, 2);

        assertEquals(60_000 - 3, waitAt(second, 3), "three sent between them: the fourth waits");
        assertEquals(60_000 - 3, waitAt(first, 3));
        assertTrue(first.shared());
    }

    @Test
    void a_retry_after_one_instance_is_told_pauses_the_other() {
        Kept store = new Kept();
        RateLedger told = RateLedger.shared(store, "token", 300);
        RateLedger other = RateLedger.shared(store, "token", 300);
        send(told, 1_000);
        pause(told, 1_500, 20_000);

        assertTrue(other.<Boolean>apply(rate -> rate.paused(2_000)));
        assertEquals(19_500, waitAt(other, 2_000));
        assertEquals(0, waitAt(other, 21_500));
        assertEquals(1L, other.<Long>apply(RatePacer::pauses));
    }

    @Test
    void each_token_has_its_own_budget() {
        Kept store = new Kept();
        pause(RateLedger.shared(store, "token-a", 1), 0, 10_000);
        assertFalse(RateLedger.shared(store, "token-b", 1).<Boolean>apply(rate -> rate.paused(5_000)));
    }

    @Test
    void a_pacer_goes_on_from_the_window_it_was_kept_as() {
        RatePacer pacer = new RatePacer(2);
        pacer.sent(0);
        pacer.sent(10);
        pacer.retryAfter(20, 1_000);
        RatePacer again = new RatePacer(2, pacer.window());

        assertEquals(pacer.window(), again.window());
        assertEquals(pacer.waitMillis(30), again.waitMillis(30));
        assertEquals(1, again.pauses());
    }

    @Test
    void in_memory_the_pacer_is_this_process_s_alone() {
        RatePacer pacer = new RatePacer(1);
        RateLedger ledger = RateLedger.inMemory(pacer);
        send(ledger, 0);
        assertFalse(ledger.shared());
        assertTrue(pacer.waitMillis(1) >= 0);
        assertEquals(pacer.window(), ledger.apply(RatePacer::window));
    }
}

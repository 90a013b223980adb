package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The retry budget's token-bucket rules. */
class RetryBudgetTest {

    @Test
    void an_outage_gets_capacity_over_cost_retries_then_refusals() {
        RetryBudget budget = new RetryBudget(500, 5);
        int granted = 0;
        while (budget.tryRetry()) {
            granted++;
        }
        assertEquals(100, granted);
        assertFalse(budget.tryRetry());
        assertEquals(2, budget.refused());
    }

    @Test
    void successes_refill_it_one_token_each_and_a_successful_retry_returns_its_cost() {
        RetryBudget budget = new RetryBudget(10, 5);
        assertTrue(budget.tryRetry());
        assertTrue(budget.tryRetry());
        assertEquals(0, budget.tokens());
        budget.succeeded(true);
        assertEquals(5, budget.tokens());
        for (int i = 0; i < 4; i++) {
            budget.succeeded(false);
        }
        assertEquals(9, budget.tokens());
        assertTrue(budget.tryRetry());
    }

    @Test
    void never_holds_more_than_its_capacity() {
        RetryBudget budget = new RetryBudget(10, 5);
        for (int i = 0; i < 100; i++) {
            budget.succeeded(i % 2 == 0);
        }
        assertEquals(10, budget.tokens());
    }

    @Test
    void retries_stay_a_bounded_share_of_requests_in_a_long_outage() {
        RetryBudget budget = new RetryBudget(500, 5);
        long requests = 0;
        long retries = 0;
        // 10,000 first attempts, each failing once and asking for a retry that fails again
        for (int i = 0; i < 10_000; i++) {
            requests++;
            if (budget.tryRetry()) {
                retries++;
                requests++;
            }
        }
        assertEquals(100, retries, "an outage adds capacity/cost retries, not one per request");
        assertTrue(retries < requests / 10.0);
    }
}

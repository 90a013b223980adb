package org.wfmagentsync.model;

/**
 * What a run did with the push limits: the adaptive concurrency limit at start and end and its
 * range, how often {@code Retry-After} paused the client, and the retry budget.
 *
 * @param budgetTokens  tokens left in the retry budget at the end of the run
 * @param budgetRefused retries the budget refused during the run (their events are dead-lettered)
 * @param limitFrom     where the limit started: {@code configured}, or {@code learned@T} (learned from a
 *                      capacity conflict at T); null when there is no push
 */
public record PushLimits(int limitStart, int limitEnd, int limitLowest, int limitHighest, long ratePauses,
        int budgetTokens, long budgetRefused, String limitFrom) {

    public static final PushLimits NONE = new PushLimits(0, 0, 0, 0, 0, 0, 0, null);
}

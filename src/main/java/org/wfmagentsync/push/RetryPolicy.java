package org.wfmagentsync.push;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.support.TlsFailure;

/**
 * The push error policy's judgement, used by the {@code push-error-policy} route configuration:
 * which failures are retried, how long to wait (Camel's exponential backoff with collision
 * avoidance, never less than the server's {@code Retry-After}), and a fresh token once after a 401.
 */
public class RetryPolicy implements Predicate {

    /** How a failure is judged: whether to retry, and what to dead-letter it as when retries end. */
    public record Verdict(boolean retryable, DeadLetterReason reason, Integer status, String cause, String description,
            String responseBody, Duration retryAfter) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    private final int maxRedeliveries;
    private final CapacityCodes capacityCodes;
    private final Set<Integer> retryableStatuses;
    private final RedeliveryPolicy backoff;
    private final TokenCache tokens;
    private final SyncMetrics metrics;
    private final RunEvents runs;
    private final RetryBudget budget;
    private final BooleanSupplier stopping;

    /**
     * @param backoff  the push backoff, the same bean the route files' error handlers reference
     * @param stopping whether the connector is stopping (then nothing is retried)
     */
    public RetryPolicy(int maxRedeliveries, CapacityCodes capacityCodes, Set<Integer> retryableStatuses,
            RedeliveryPolicy backoff, TokenCache tokens, SyncMetrics metrics, RunEvents runs, RetryBudget budget,
            BooleanSupplier stopping) {
        this.maxRedeliveries = maxRedeliveries;
        this.capacityCodes = capacityCodes;
        this.retryableStatuses = retryableStatuses;
        this.backoff = backoff;
        this.tokens = tokens;
        this.metrics = metrics;
        this.runs = runs;
        this.budget = budget;
        this.stopping = stopping;
    }

    /** retryWhile: the decision {@link #scheduler()} took for this failure (it runs first). */
    @Override
    public boolean matches(Exchange exchange) {
        EventBatch batch = exchange.getProperty(EventBatch.PROPERTY, EventBatch.class);
        return batch != null && batch.retryApproved();
    }

    /** onExceptionOccurred: decide whether and when to retry before Camel schedules the redelivery. */
    public Processor scheduler() {
        return this::beforeRedelivery;
    }

    void beforeRedelivery(Exchange exchange) {
        EventBatch batch = exchange.getProperty(EventBatch.PROPERTY, EventBatch.class);
        Throwable cause = exchange.getException();
        if (batch == null || cause == null) {
            return;
        }
        if (cause instanceof ConnectorStopping) {
            batch.retryApproved(false);
            return;
        }
        Verdict verdict = judge(cause);
        batch.failed(verdict.status(), verdict.description());
        if (stopping.getAsBoolean()) {
            // no retry once the connector is stopping: the batch ends now and the dead-letter recorder
            // leaves it for the next run (a failure the stop did not cause, such as a 400, is still dead-lettered)
            batch.retryApproved(false);
            return;
        }
        boolean retry = decide(batch, cause);
        batch.retryApproved(retry);
        if (!retry) {
            return;
        }
        long delay;
        if (isUnauthorized(cause)) {
            tokens.invalidate(batch.tokenGeneration());
            batch.authRefreshed();
            delay = 0;
        } else {
            delay = backoff.calculateRedeliveryDelay(batch.lastDelayMs(), batch.attempts());
            if (verdict.retryAfter() != null) {
                delay = Math.max(delay, verdict.retryAfter().toMillis());
            }
        }
        batch.lastDelayMs(delay);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
        metrics.retry(verdict.cause(), batch.kind());
        runs.retry(batch.runId(), batch.kind());
        LOG.debug("retrying {} event(s) in {} ms after attempt {} ({})", batch.pending().size(), delay,
                batch.attempts(), verdict.description());
    }

    /**
     * A 401 earns one fresh token; other retryable failures are retried up to the bound, each retry
     * paid from the retry budget.
     */
    private boolean decide(EventBatch batch, Throwable cause) {
        if (batch.mostAttempts() > maxRedeliveries) {
            return false;
        }
        if (isUnauthorized(cause)) {
            return batch.authRefreshes() == 0;
        }
        if (!judge(cause).retryable()) {
            return false;
        }
        if (!budget.tryRetry()) {
            batch.budgetRefused(true);
            metrics.retryBudgetRefused(batch.kind(), batch.pending().size());
            return false;
        }
        return true;
    }

    /** Classifies a failure of the push. */
    public Verdict judge(Throwable failure) {
        if (failure instanceof PushFailure push) {
            return judgeStatus(push);
        }
        if (failure instanceof TokenCache.AuthenticationFailed auth) {
            return new Verdict(false, DeadLetterReason.AUTH_FAILED, auth.status(), "auth", auth.getMessage(), null, null);
        }
        if (failure instanceof TokenCache.TokenUnavailable token) {
            return new Verdict(true, DeadLetterReason.RETRIES_EXHAUSTED, token.status(), "token", token.getMessage(),
                    null, null);
        }
        Optional<String> tls = TlsFailure.describe(failure, "Genesys Cloud");
        if (tls.isPresent()) {
            return new Verdict(true, DeadLetterReason.RETRIES_EXHAUSTED, null, "io", tls.get(), null, null);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return new Verdict(true, DeadLetterReason.RETRIES_EXHAUSTED, null, "io",
                        "I/O error talking to Genesys Cloud: " + io.getClass().getSimpleName()
                                + (io.getMessage() == null ? "" : " " + io.getMessage()), null, null);
            }
        }
        return new Verdict(false, DeadLetterReason.UNEXPECTED_ERROR, null, "unexpected",
                failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage(),
                null, null);
    }

    private Verdict judgeStatus(PushFailure push) {
        int status = push.status();
        String label = "HTTP " + status;
        if (status == 409) {
            return capacityCodes.isCapacity(push.code())
                    ? new Verdict(true, DeadLetterReason.CONFLICT_EXHAUSTED, status, "409", push.getMessage(),
                            push.responseBody(), push.retryAfter())
                    : new Verdict(false, DeadLetterReason.REJECTED, status, "409", push.getMessage()
                            + " (code not listed in wfm.retry.conflict-codes)", push.responseBody(), null);
        }
        if (status == 401) {
            return new Verdict(false, DeadLetterReason.AUTH_FAILED, status, "401",
                    push.getMessage() + " even with a fresh token", push.responseBody(), null);
        }
        if (retryableStatuses.contains(status) || status / 100 == 2) {
            return new Verdict(true, DeadLetterReason.RETRIES_EXHAUSTED, status, status / 100 == 2 ? "unexpected-body"
                    : Integer.toString(status), push.getMessage(), push.responseBody(), push.retryAfter());
        }
        return new Verdict(false, DeadLetterReason.REJECTED, status, Integer.toString(status),
                label.equals(push.getMessage()) ? label : push.getMessage(), push.responseBody(), null);
    }

    private static boolean isUnauthorized(Throwable cause) {
        return cause instanceof PushFailure push && push.status() == 401;
    }
}

package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.DeadLetterReason;

/** The retry rules, one failure at a time, without HTTP or timing. */
class RetryPolicyTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final CountedRunEvents runs = new CountedRunEvents();
    private final RetryPolicy policy = new RetryPolicy(3, new CapacityCodes(Set.of("SCHEDULE_CONFLICT")),
            Set.of(429, 502, 503, 504), backoff(), null, new SyncMetrics(new SimpleMeterRegistry(), Map::of),
            runs, new RetryBudget(500, 5), () -> false);

    @Test
    void capacity_conflicts_rate_limits_gateway_errors_and_io_errors_are_retryable() {
        assertRetryable(new PushFailure(409, "SCHEDULE_CONFLICT", null, null, "{}"), DeadLetterReason.CONFLICT_EXHAUSTED);
        assertRetryable(new PushFailure(429, "too.many.requests.retry.after", null, Duration.ofSeconds(2), "{}"),
                DeadLetterReason.RETRIES_EXHAUSTED);
        for (int status : new int[] {502, 503, 504}) {
            assertRetryable(new PushFailure(status, null, null, null, ""), DeadLetterReason.RETRIES_EXHAUSTED);
        }
        assertRetryable(new RuntimeException(new SocketTimeoutException("Read timed out")), DeadLetterReason.RETRIES_EXHAUSTED);
    }

    @Test
    void client_errors_and_data_conflicts_are_not_retried() {
        for (int status : new int[] {400, 403, 404, 413, 422, 500}) {
            RetryPolicy.Verdict verdict = policy.judge(new PushFailure(status, "x", null, null, ""));
            assertFalse(verdict.retryable(), "HTTP " + status);
            assertEquals(DeadLetterReason.REJECTED, verdict.reason());
        }
        assertFalse(policy.judge(new PushFailure(409, "general.conflict", null, null, "")).retryable());
    }

    @Test
    void the_next_delay_is_never_shorter_than_retry_after() {
        EventBatch batch = attempted(1);
        Exchange exchange = failed(batch, new PushFailure(429, "too.many.requests.retry.after", null,
                Duration.ofSeconds(7), "{}"));

        policy.beforeRedelivery(exchange);

        assertTrue(policy.matches(exchange));
        assertEquals(7000L, exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class));
        assertEquals(1, runs.retries.get(), "the run's summary counts the retry");
    }

    @Test
    void without_retry_after_the_delay_grows_exponentially_within_collision_avoidance() {
        EventBatch batch = attempted(1);
        Exchange exchange = failed(batch, new PushFailure(409, "SCHEDULE_CONFLICT", null, null, "{}"));
        policy.beforeRedelivery(exchange);
        long first = exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
        batch.attempt(null);
        policy.beforeRedelivery(exchange);
        long second = exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class);

        assertTrue(first >= 850 && first <= 1150, "1000 ms +/- 15%: " + first);
        assertTrue(second >= first * 2 * 0.85 - 1 && second <= first * 2 * 1.15 + 1, "doubles +/- 15%: " + second);
    }

    @Test
    void retries_stop_at_the_configured_bound() {
        EventBatch batch = attempted(4);
        Exchange exchange = failed(batch, new PushFailure(503, null, null, null, ""));

        policy.beforeRedelivery(exchange);

        assertFalse(policy.matches(exchange), "3 redeliveries after the first attempt, then stop");
    }

    @Test
    void a_401_gets_exactly_one_fresh_token() {
        EventBatch batch = attempted(1);
        TokenCache tokens = new TokenCache("id", "secret", Duration.ZERO, null, null, null,
                new SyncMetrics(new SimpleMeterRegistry(), Map::of));
        RetryPolicy withTokens = new RetryPolicy(3, new CapacityCodes(Set.of()), Set.of(), backoff(), tokens,
                new SyncMetrics(new SimpleMeterRegistry(), Map::of), new CountedRunEvents(), new RetryBudget(500, 5),
                () -> false);
        Exchange exchange = failed(batch, new PushFailure(401, "credentials.expired", null, null, ""));

        withTokens.beforeRedelivery(exchange);
        assertTrue(withTokens.matches(exchange));
        assertEquals(0L, exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class));

        batch.attempt(null);
        withTokens.beforeRedelivery(exchange);
        assertFalse(withTokens.matches(exchange), "a second 401 with a fresh token is not retried");
        assertEquals(DeadLetterReason.AUTH_FAILED,
                withTokens.judge(new PushFailure(401, "bad.credentials", null, null, "")).reason());
    }

    private void assertRetryable(Throwable failure, DeadLetterReason whenExhausted) {
        RetryPolicy.Verdict verdict = policy.judge(failure);
        assertTrue(verdict.retryable(), failure.toString());
        assertEquals(whenExhausted, verdict.reason());
    }

    private EventBatch attempted(int attempts) {
        EventBatch batch = new EventBatch("run", List.of());
        for (int i = 0; i < attempts; i++) {
            batch.attempt(null);
        }
        return batch;
    }

    private Exchange failed(EventBatch batch, Exception failure) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(EventBatch.PROPERTY, batch);
        exchange.setException(failure);
        return exchange;
    }

    private static RedeliveryPolicy backoff() {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setRedeliveryDelay(1000);
        policy.setBackOffMultiplier(2);
        policy.setUseExponentialBackOff(true);
        policy.setUseCollisionAvoidance(true);
        policy.setMaximumRedeliveryDelay(60000);
        return policy;
    }
}

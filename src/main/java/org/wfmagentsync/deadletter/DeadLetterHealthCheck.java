package org.wfmagentsync.deadletter;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.wfmagentsync.model.DeadLetterReason;

/**
 * Reports the dead-letter depth on {@code /observe/health}. Past the threshold the connector is
 * degraded, not down: it still delivers, but people have work waiting.
 */
public class DeadLetterHealthCheck extends AbstractHealthCheck {

    private final Supplier<Map<DeadLetterReason, Long>> openByReason;
    private final long threshold;

    public DeadLetterHealthCheck(Supplier<Map<DeadLetterReason, Long>> openByReason, long threshold) {
        super("wfm", "dead-letters");
        this.openByReason = openByReason;
        this.threshold = threshold;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<DeadLetterReason, Long> counts = openByReason.get();
        long depth = counts.values().stream().mapToLong(Long::longValue).sum();
        boolean degraded = depth > threshold;
        builder.detail("open", depth);
        builder.detail("threshold", threshold);
        builder.detail("degraded", degraded);
        counts.forEach((reason, count) -> builder.detail("open." + reason.name(), count));
        builder.message(degraded ? "DEGRADED: " + depth + " open dead letters (threshold " + threshold + ")"
                : depth + " open dead letters");
        builder.up();
    }
}

package org.wfmagentsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.PushState;
import org.wfmagentsync.model.RunSummary;

/** The connector's own metrics, scraped from the management port's {@code /observe/metrics}. */
public class SyncMetrics {

    private final MeterRegistry registry;
    private final Counter delivered;
    private final Timer runDuration;
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<String, RunSummary> lastRun = new ConcurrentHashMap<>();
    /** Gauges hold their source weakly: keep it here so it lives as long as the metrics. */
    private final Supplier<Map<DeadLetterReason, Long>> openDeadLetters;

    public SyncMetrics(MeterRegistry registry, Supplier<Map<DeadLetterReason, Long>> openDeadLetters) {
        this.registry = registry;
        this.openDeadLetters = openDeadLetters;
        this.delivered = Counter.builder("wfm.events.delivered").description("Presence events Genesys Cloud accepted")
                .register(registry);
        this.runDuration = Timer.builder("wfm.run.duration").description("Time from trigger to the end of a sync run")
                .register(registry);
        registry.gauge("wfm.requests.in.flight", inFlight);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            registry.gauge("wfm.dead.letters.open", java.util.List.of(io.micrometer.core.instrument.Tag.of("reason", reason.name())),
                    this.openDeadLetters, counts -> counts.get().getOrDefault(reason, 0L));
        }
        registry.gauge("wfm.run.last.delivered", lastRun, runs -> value(runs, RunSummary::delivered));
        registry.gauge("wfm.run.last.dead.lettered", lastRun, runs -> value(runs, RunSummary::deadLettered));
    }

    public void delivered(long events) {
        delivered.increment(events);
    }

    public void response(int status) {
        Counter.builder("wfm.http.responses").description("Genesys Cloud responses by HTTP status")
                .tag("status", Integer.toString(status)).register(registry).increment();
    }

    public void retry(String cause) {
        Counter.builder("wfm.retries").description("Redeliveries by cause").tag("cause", cause)
                .register(registry).increment();
    }

    public void deadLettered(DeadLetterReason reason, long count) {
        Counter.builder("wfm.dead.letters").description("Updates dead-lettered, by reason")
                .tag("reason", reason.name()).register(registry).increment(count);
    }

    /** Events whose next attempt the retry budget refused (they are dead-lettered). */
    public void retryBudgetRefused(long events) {
        Counter.builder("wfm.retry.budget.refused").description("Events whose retry the retry budget refused")
                .register(registry).increment(events);
    }

    /** The adaptive limits, read at each scrape: the concurrency limit, capacity rejections, the retry budget, pauses. */
    public void watch(PushState gate) {
        io.micrometer.core.instrument.Gauge.builder("wfm.push.concurrency.limit", gate, g -> g.currentLimit())
                .description("Requests the adaptive limit allows in flight now").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("wfm.push.capacity.rejections", gate,
                        g -> g.capacityRejections())
                .description("409 capacity conflicts and 429s answered to the connector").register(registry);
        io.micrometer.core.instrument.Gauge.builder("wfm.retry.budget.tokens", gate, g -> g.retryBudgetTokens())
                .description("Tokens left in the retry budget (a retry costs several, a success puts some back)")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("wfm.push.paused", gate, g -> g.paused() ? 1 : 0)
                .description("1 while a 429 Retry-After pauses every request").register(registry);
    }

    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    public void requestEnded() {
        inFlight.decrementAndGet();
    }

    public void runFinished(RunSummary summary) {
        runDuration.record(Duration.ofMillis(summary.durationMs()));
        Counter.builder("wfm.runs").description("Sync runs by outcome").tag("outcome", summary.outcome().name())
                .register(registry).increment();
        lastRun.put("last", summary);
    }

    private static double value(Map<String, RunSummary> runs, java.util.function.ToLongFunction<RunSummary> field) {
        RunSummary last = runs.get("last");
        return last == null ? 0 : field.applyAsLong(last);
    }
}

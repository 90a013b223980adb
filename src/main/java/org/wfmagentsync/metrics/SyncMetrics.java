package org.wfmagentsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.wfmagentsync.model.DeadLetterGroup;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.PushState;
import org.wfmagentsync.model.RunSummary;

/**
 * The connector's own metrics, scraped from the management port's {@code /observe/metrics}. Every
 * one is registered when the connector starts, at zero, so that a scrape lists them all before
 * anything happened (and a rate over a counter that is still zero is 0, not "no data"). What is
 * about events is labelled with their kind ({@code event_kind}: {@code PRESENCE}, {@code
 * ROUTING_STATUS}; dead letters also {@code NONE}, for updates that never became an event); the
 * push's limits are shared by both kinds and have no such label.
 */
public class SyncMetrics {

    /** The kinds of run the run tracker starts. */
    public static final List<String> RUN_KINDS = List.of("sync", "replay");
    /**
     * Genesys Cloud statuses counted from the start: accepted, capacity conflict, rate limit. Others
     * appear when first answered.
     */
    static final List<Integer> EXPECTED_STATUSES = List.of(200, 409, 429);
    /** Retry causes counted from the start; others (another retryable status, token, ...) appear when first retried. */
    static final List<String> EXPECTED_RETRY_CAUSES = List.of("409", "429", "503", "io", "event-conflict", "401");
    /** The label of a dead letter that is about no event (a refused legacy row, an unmapped state). */
    static final String NO_KIND = "NONE";

    private final MeterRegistry registry;
    private final Map<EventKind, Counter> delivered = new EnumMap<>(EventKind.class);
    private final Map<EventKind, Counter> retryBudgetRefused = new EnumMap<>(EventKind.class);
    private final Map<EventKind, AtomicLong> inFlight = new EnumMap<>(EventKind.class);
    private final Map<String, RunSummary> lastRun = new ConcurrentHashMap<>();
    /** By kind of run: when the last run that went through to its end (SUCCEEDED or PARTIAL) ended, Unix seconds. */
    private final Map<String, Double> lastSuccess = new ConcurrentHashMap<>();
    private final Counter[] tokenRequests = new Counter[TokenOutcome.values().length];
    /** 1 from a failed token request to the next that succeeds. */
    private final AtomicLong loginFailing = new AtomicLong();
    /** Gauges hold their source weakly: keep it here so it lives as long as the metrics. */
    private final Supplier<Map<DeadLetterGroup, Long>> openDeadLetters;

    /** {@code openDeadLetters}: the open dead letters by reason and kind, read at each scrape. */
    public SyncMetrics(MeterRegistry registry, Supplier<Map<DeadLetterGroup, Long>> openDeadLetters) {
        this.registry = registry;
        this.openDeadLetters = openDeadLetters;
        for (EventKind kind : EventKind.values()) {
            delivered.put(kind, Counter.builder("wfm.events.delivered").description("Events Genesys Cloud accepted, by kind")
                    .tag("event_kind", kind.name()).register(registry));
            retryBudgetRefused.put(kind, Counter.builder("wfm.retry.budget.refused")
                    .description("Events whose retry the retry budget refused (they are dead-lettered), by kind")
                    .tag("event_kind", kind.name()).register(registry));
            AtomicLong requests = new AtomicLong();
            inFlight.put(kind, requests);
            Gauge.builder("wfm.requests.in.flight", requests, AtomicLong::get)
                    .description("Event requests in flight now, by kind").tag("event_kind", kind.name()).register(registry);
            EXPECTED_STATUSES.forEach(status -> responses(kind, status));
            EXPECTED_RETRY_CAUSES.forEach(cause -> retries(cause, kind));
        }
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            for (EventKind kind : kindsAndNone()) {
                DeadLetterGroup group = new DeadLetterGroup(reason, kind);
                deadLetters(reason, kind);
                Gauge.builder("wfm.dead.letters.open", this.openDeadLetters, counts -> counts.get().getOrDefault(group, 0L))
                        .description("Open dead letters now, by reason and kind of event")
                        .tags("reason", reason.name(), "event_kind", label(kind)).register(registry);
            }
        }
        for (String kind : RUN_KINDS) {
            runDuration(kind);
            for (RunSummary.Outcome outcome : RunSummary.Outcome.values()) {
                if (outcome != RunSummary.Outcome.RUNNING) {
                    runs(kind, outcome);
                }
            }
            Gauge.builder("wfm.run.last.delivered", lastRun, runs -> value(runs, kind, RunSummary::delivered))
                    .description("Events the last run of this kind delivered").tag("kind", kind).register(registry);
            Gauge.builder("wfm.run.last.dead.lettered", lastRun, runs -> value(runs, kind, RunSummary::deadLettered))
                    .description("Updates the last run of this kind dead-lettered anew").tag("kind", kind)
                    .register(registry);
            Gauge.builder("wfm.run.last.success.timestamp.seconds", lastSuccess, ends -> ends.getOrDefault(kind, 0.0))
                    .description("When the last run of this kind that went through to its end (SUCCEEDED or PARTIAL)"
                            + " ended, Unix time; 0 before the first").tag("kind", kind).register(registry);
            for (RunSummary.Outcome outcome : RunSummary.Outcome.values()) {
                if (outcome != RunSummary.Outcome.RUNNING) {
                    Gauge.builder("wfm.run.last.outcome", lastRun, runs -> runs.containsKey(kind)
                            && runs.get(kind).outcome() == outcome ? 1 : 0)
                            .description("1 for the outcome of the last finished run of this kind, 0 for the others")
                            .tags("kind", kind, "outcome", outcome.name()).register(registry);
                }
            }
        }
        for (TokenOutcome outcome : TokenOutcome.values()) {
            tokenRequests[outcome.ordinal()] = Counter.builder("wfm.token.requests")
                    .description("Token requests to the Genesys Cloud login host, by outcome")
                    .tag("outcome", outcome.name()).register(registry);
        }
        Gauge.builder("wfm.login.failing", loginFailing, AtomicLong::get)
                .description("1 from a failed token request to the next one that succeeds").register(registry);
        // process_start_time_seconds and process_uptime_seconds: an alert on "no run since" needs to know the start
        new UptimeMetrics().bindTo(registry);
    }

    /** How a token request to the login host ended. */
    public enum TokenOutcome {
        /** A token came back. */
        SUCCEEDED,
        /** The login host refused the client credentials (400, 401, 403): retrying with them cannot help. */
        REFUSED,
        /** No token just now: the login host was down, answered 5xx or could not be reached. */
        UNAVAILABLE
    }

    /** A token request ended this way. */
    public void tokenRequested(TokenOutcome outcome) {
        tokenRequests[outcome.ordinal()].increment();
        loginFailing.set(outcome == TokenOutcome.SUCCEEDED ? 0 : 1);
    }

    /**
     * The settings alert rules compare with: the dead-letter depth past which the health check says
     * DEGRADED, and the longest time between two of the schedule's runs ({@link Duration#ZERO} when
     * no cron triggers runs).
     */
    public void settings(long degradedThreshold, Duration scheduleInterval) {
        Gauge.builder("wfm.dead.letters.degraded.threshold", () -> degradedThreshold)
                .description("Open dead letters above which the dead-letters health check says DEGRADED")
                .register(registry);
        Gauge.builder("wfm.schedule.interval.seconds", () -> scheduleInterval.toMillis() / 1000.0)
                .description("The longest time between two runs of the sync schedule; 0 when no cron triggers runs")
                .register(registry);
    }

    public void delivered(EventKind kind, long events) {
        delivered.get(kind).increment(events);
    }

    /** An answer to a request of this kind (each request carries one kind). */
    public void response(EventKind kind, int status) {
        responses(kind, status).increment();
    }

    public void retry(String cause, EventKind kind) {
        retries(cause, kind).increment();
    }

    /** {@code kind} null: updates that never became an event. */
    public void deadLettered(DeadLetterReason reason, EventKind kind, long count) {
        deadLetters(reason, kind).increment(count);
    }

    /** Events whose next attempt the retry budget refused (they are dead-lettered). */
    public void retryBudgetRefused(EventKind kind, long events) {
        retryBudgetRefused.get(kind).increment(events);
    }

    /** The adaptive limits, read at each scrape: the concurrency limit, capacity rejections, the retry budget, pauses. */
    public void watch(PushState gate) {
        Gauge.builder("wfm.push.concurrency.limit", gate, g -> g.currentLimit())
                .description("Requests the adaptive limit allows in flight now").register(registry);
        FunctionCounter.builder("wfm.push.capacity.rejections", gate, g -> g.capacityRejections())
                .description("409 capacity conflicts and 429s answered to the connector").register(registry);
        Gauge.builder("wfm.retry.budget.tokens", gate, g -> g.retryBudgetTokens())
                .description("Tokens left in the retry budget (a retry costs several, a success puts some back)")
                .register(registry);
        Gauge.builder("wfm.push.paused", gate, g -> g.paused() ? 1 : 0)
                .description("1 while a 429 Retry-After pauses every request").register(registry);
    }

    public void requestStarted(EventKind kind) {
        inFlight.get(kind).incrementAndGet();
    }

    public void requestEnded(EventKind kind) {
        inFlight.get(kind).decrementAndGet();
    }

    public void runFinished(RunSummary summary) {
        runDuration(summary.kind()).record(Duration.ofMillis(summary.durationMs()));
        runs(summary.kind(), summary.outcome()).increment();
        lastRun.put(summary.kind(), summary);
        if (summary.outcome().finished() && summary.finishedAt() != null) {
            lastSuccess.put(summary.kind(), summary.finishedAt().toInstant().toEpochMilli() / 1000.0);
        }
    }

    private Counter responses(EventKind kind, int status) {
        return Counter.builder("wfm.http.responses").description("Genesys Cloud responses by HTTP status and kind of event")
                .tags("status", Integer.toString(status), "event_kind", kind.name()).register(registry);
    }

    private Counter retries(String cause, EventKind kind) {
        return Counter.builder("wfm.retries").description("Redeliveries by cause and kind of event")
                .tags("cause", cause, "event_kind", kind.name()).register(registry);
    }

    private Counter deadLetters(DeadLetterReason reason, EventKind kind) {
        return Counter.builder("wfm.dead.letters").description("Updates dead-lettered, by reason and kind of event")
                .tags("reason", reason.name(), "event_kind", label(kind)).register(registry);
    }

    /** Every kind, and null for updates that never became an event. */
    private static List<EventKind> kindsAndNone() {
        List<EventKind> kinds = new ArrayList<>(Arrays.asList(EventKind.values()));
        kinds.add(null);
        return kinds;
    }

    private static String label(EventKind kind) {
        return kind == null ? NO_KIND : kind.name();
    }

    private Counter runs(String kind, RunSummary.Outcome outcome) {
        return Counter.builder("wfm.runs").description("Runs by kind (sync: the schedule's; replay: an operator's)"
                + " and outcome").tags("kind", kind, "outcome", outcome.name()).register(registry);
    }

    private Timer runDuration(String kind) {
        return Timer.builder("wfm.run.duration").description("Time from the start to the end of a run, by kind")
                .tag("kind", kind).register(registry);
    }

    private static double value(Map<String, RunSummary> runs, String kind, ToLongFunction<RunSummary> field) {
        RunSummary last = runs.get(kind);
        return last == null ? 0 : field.applyAsLong(last);
    }
}

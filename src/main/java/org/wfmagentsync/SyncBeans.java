package org.wfmagentsync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.wfmagentsync.api.DeadLetterApi;
import org.wfmagentsync.deadletter.DeadLetterHealthCheck;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.deadletter.Replayer;
import org.wfmagentsync.delta.ChangeDetector;
import org.wfmagentsync.legacy.FeedReader;
import org.wfmagentsync.mapping.StatusMapper;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.push.ConcurrencyLimit;
import org.wfmagentsync.push.PresenceRequest;
import org.wfmagentsync.push.PresenceResponse;
import org.wfmagentsync.push.PublishingWindow;
import org.wfmagentsync.push.PushGate;
import org.wfmagentsync.push.PushRounds;
import org.wfmagentsync.push.RatePacer;
import org.wfmagentsync.push.RetryBudget;
import org.wfmagentsync.push.RetryPolicy;
import org.wfmagentsync.push.TokenCache;
import org.wfmagentsync.run.InterruptedRuns;
import org.wfmagentsync.run.RunTracker;
import org.wfmagentsync.store.Database;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;
import org.wfmagentsync.store.RunSummaryStore;

/** Builds the connector's beans from configuration and binds them under the names the routes use. */
public final class SyncBeans implements CamelConfiguration {

    /** The most events {@code POST /api/v2/events/users/presence} takes in one request. */
    static final int API_MAX_BATCH = 100;

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        TlsVerification.enforce(context);
        // Before anything is opened: a taken port fails the start with nothing to clean up.
        if (Boolean.parseBoolean(settings.textOrEmpty("camel.management.enabled"))) {
            ManagementPort.requireFree(settings.textOrEmpty("camel.management.host"),
                    settings.integer("camel.management.port", 1, 65535));
        }
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        Database database = Database.open(settings.text("wfm.db.url"), settings.textOrEmpty("wfm.db.user"),
                settings.textOrEmpty("wfm.db.password"));
        closeOnStop(context, database::close);
        DataSource db = database.dataSource();
        DeadLetterStore deadLetterStore = new DeadLetterStore(db, clock);
        java.util.function.Supplier<Map<DeadLetterReason, Long>> openDeadLetters = cached(deadLetterStore);
        SyncMetrics metrics = new SyncMetrics(meterRegistry(registry), openDeadLetters);
        HealthCheckRegistry.get(context).register(new DeadLetterHealthCheck(openDeadLetters,
                settings.integer("wfm.deadletter.degraded-threshold", 0, Integer.MAX_VALUE)));
        DeadLetterRecorder deadLetters = new DeadLetterRecorder(deadLetterStore, json, metrics, clock);
        RunSummaryStore runSummaries = new RunSummaryStore(db, json, settings.integer("wfm.runs.keep", 1, 100_000));
        RunTracker runs = new RunTracker(runSummaries, metrics, clock,
                settings.integer("wfm.replay.wait-ms", 0, Integer.MAX_VALUE));
        deadLetters.setRuns(runs);
        runs.setLegacyCall(settings.textOrEmpty("legacy.agents-url"),
                settings.textOrEmpty("camel.component.http.response-timeout").isEmpty() ? 0
                        : settings.integer("camel.component.http.response-timeout", 0, Integer.MAX_VALUE));
        DeliveredStateStore delivered = new DeliveredStateStore(db, clock);
        new InterruptedRuns(runSummaries, delivered, deadLetterStore).recover();
        stopGracefully(context, runs);

        TokenCache tokens = new TokenCache(settings.text("genesys.client-id"), settings.text("genesys.client-secret"),
                settings.millis("genesys.token-refresh-margin-ms"), clock, json);
        tokens.setTemplate(context.createProducerTemplate());
        RetryBudget budget = new RetryBudget(settings.integer("wfm.retry.budget.capacity", 0, 1_000_000),
                settings.integer("wfm.retry.budget.retry-cost", 1, 1_000_000));
        int maxRedeliveries = settings.integer("wfm.retry.max-redeliveries", 0, 1000);
        RedeliveryPolicy backoff = backoff(settings);
        RetryPolicy retryPolicy = new RetryPolicy(maxRedeliveries, settings.list("wfm.retry.conflict-codes"),
                retryableStatuses(settings), backoff, tokens, metrics, runs, budget);
        deadLetters.setRetryPolicy(retryPolicy);
        PushGate gate = pushGate(settings, clock, json, budget, retryPolicy);
        runs.setGate(gate);
        metrics.watch(gate);
        PushRounds rounds = new PushRounds(batchSize(settings), maxRedeliveries, backoff, budget, deadLetters, metrics,
                runs);

        registry.bind("wfmJson", json);
        registry.bind("stateDataSource", db);
        registry.bind("syncMetrics", metrics);
        registry.bind("runTracker", runs);
        registry.bind("runSummaryStore", runSummaries);
        registry.bind("deadLetterStore", deadLetterStore);
        registry.bind("deadLetterRecorder", deadLetters);
        registry.bind("feedReader", new FeedReader(deadLetters, runs, clock,
                settings.millis("legacy.future-tolerance-ms")));
        StatusMapper mapper = new StatusMapper(Path.of(settings.text("wfm.mapping.agents-file")),
                Path.of(settings.text("wfm.mapping.states-file")), settings.text("genesys.presence-source-id"),
                deadLetters);
        mapper.preload();
        registry.bind("statusMapper", mapper);
        registry.bind("changeDetector", new ChangeDetector(delivered, deadLetterStore,
                Boolean.parseBoolean(settings.text("wfm.deadletter.redrive")), runs));
        registry.bind("tokenCache", tokens);
        registry.bind("pushGate", gate);
        registry.bind("pushRounds", rounds);
        registry.bind("presenceRequest", new PresenceRequest(tokens, json, metrics, runs, clock, rounds));
        registry.bind("presenceResponse", new PresenceResponse(json, delivered, deadLetterStore, deadLetters, metrics,
                runs, clock, rounds, budget));
        registry.bind("retryPolicy", retryPolicy);
        registry.bind("retryScheduler", retryPolicy.scheduler());
        registry.bind("pushWorkers", pushWorkers(context, gate));
        registry.bind("replayer", new Replayer(deadLetterStore, delivered, new EventJson(json)));
        DeadLetterApi api = new DeadLetterApi(deadLetterStore, runSummaries, json, apiToken(settings));
        api.setTemplate(context.createProducerTemplate());
        registry.bind("deadLetterApi", api);
        registry.bind("apiServerPort", apiServerPort(settings));
    }

    /** Closes the state database when Camel stops, after the routes, so that a restart reopens it from disk. */
    private static void closeOnStop(CamelContext context, Runnable close) {
        try {
            context.addService(new org.apache.camel.support.service.ServiceSupport() {
                @Override
                protected void doStop() {
                    close.run();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the state database with Camel", e);
        }
    }

    /**
     * As soon as Camel starts stopping (SIGTERM, Ctrl-C), before it waits for work in flight, the
     * push path stops sending: requests already sent finish, the rest is left for the next run, so
     * the stop ends well within {@code camel.main.shutdown-timeout}.
     */
    private static void stopGracefully(CamelContext context, RunTracker runs) {
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                runs.connectorStopping();
            }
        });
    }

    /**
     * Tells the REST API's platform-http routes which server they live on. Without it Camel 4.14
     * reads the port from the management server's socket, and when that server is still binding as
     * the routes start (seen under load) it falls back to 8080 and the start fails.
     */
    private static VertxPlatformHttpServerConfiguration apiServerPort(Settings settings) {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindPort(settings.integer("camel.management.port", 1, 65535));
        return configuration;
    }

    /** Replay and discard must never be open to the network: off loopback, a token is required. */
    private static String apiToken(Settings settings) {
        String token = settings.textOrEmpty("wfm.api.token");
        String host = settings.textOrEmpty("camel.management.host");
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        if (!loopback && token.isEmpty()) {
            throw new IllegalStateException("camel.management.host is '" + host + "', not loopback, so the dead-letter"
                    + " API would be open to the network: set WFM_API_TOKEN (callers then send"
                    + " 'Authorization: Bearer <token>')");
        }
        return token;
    }

    /** Batch size is capped by the API: more than 100 events per request is always refused. */
    static int batchSize(Settings settings) {
        return settings.integer("wfm.push.batch-size", 1, API_MAX_BATCH);
    }

    /** The adaptive concurrency limit, the rate pacer and the publishing-window profile, from wfm.push.* and wfm.window.*. */
    private static PushGate pushGate(Settings settings, Clock clock, ObjectMapper json, RetryBudget budget,
            RetryPolicy retryPolicy) {
        int ceiling = settings.integer("wfm.push.max-concurrent", 1, 256);
        // Start levels above the ceiling are held to it by the limit (lowering the ceiling alone must not fail the start).
        int initial = settings.integer("wfm.push.initial-concurrent", 1, 256);
        int windowInitial = settings.integer("wfm.window.initial-concurrent", 1, 256);
        double ratio = settings.decimal("wfm.push.backoff-ratio");
        if (!(ratio > 0 && ratio < 1)) {
            throw new IllegalStateException("wfm.push.backoff-ratio must be between 0 and 1 (exclusive), got " + ratio);
        }
        PublishingWindow window;
        try {
            window = PublishingWindow.parse(settings.text("wfm.window.mode"), settings.textOrEmpty("wfm.window.days"),
                    settings.text("wfm.window.start"), settings.text("wfm.window.end"), settings.text("wfm.window.zone"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new PushGate(new ConcurrencyLimit(ceiling, ratio, settings.integer("wfm.push.probe-round-trips", 1, 100_000)),
                new RatePacer(settings.integer("wfm.push.rate-per-minute", 1, 1_000_000)), window, initial, windowInitial,
                retryPolicy::isCapacityCode, budget, clock, json);
    }

    /** One thread per batch under way: while one batch's thread records what was delivered, another can be sending. */
    private static ExecutorService pushWorkers(CamelContext context, PushGate gate) {
        return context.getExecutorServiceManager().newFixedThreadPool(SyncBeans.class, "wfm-push",
                gate.batchesUnderWay());
    }

    private static RedeliveryPolicy backoff(Settings settings) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setRedeliveryDelay(settings.integer("wfm.retry.initial-delay-ms", 0, Integer.MAX_VALUE));
        policy.setBackOffMultiplier(settings.decimal("wfm.retry.backoff-multiplier"));
        policy.setUseExponentialBackOff(true);
        policy.setUseCollisionAvoidance(true);
        policy.setMaximumRedeliveryDelay(settings.integer("wfm.retry.max-delay-ms", 0, Integer.MAX_VALUE));
        return policy;
    }

    private static Set<Integer> retryableStatuses(Settings settings) {
        try {
            return settings.list("wfm.retry.statuses").stream().map(Integer::valueOf).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("wfm.retry.statuses must list HTTP status codes, e.g. 429,502,503,504");
        }
    }

    /** The registry the management port scrapes; Camel's metrics service reuses it when it starts later. */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry found = registry.findSingleByType(MeterRegistry.class);
        if (found == null) {
            found = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, found);
        }
        return found;
    }

    /** Scrapes read the open dead-letter counts once per second at most, not once per gauge. */
    private static java.util.function.Supplier<Map<DeadLetterReason, Long>> cached(DeadLetterStore store) {
        return new java.util.function.Supplier<>() {
            private Map<DeadLetterReason, Long> counts;
            private long readAt;

            @Override
            public synchronized Map<DeadLetterReason, Long> get() {
                long now = System.nanoTime();
                if (counts == null || now - readAt > Duration.ofSeconds(1).toNanos()) {
                    counts = store.openCountByReason();
                    readAt = now;
                }
                return counts;
            }
        };
    }
}

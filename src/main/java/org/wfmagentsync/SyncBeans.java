package org.wfmagentsync;

import static org.wfmagentsync.config.ConnectorConfig.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.wfmagentsync.api.ConsoleFiles;
import org.wfmagentsync.api.DeadLetterApi;
import org.wfmagentsync.config.CamelKeys;
import org.wfmagentsync.config.ConfigReader;
import org.wfmagentsync.config.ConnectorConfig;
import org.wfmagentsync.deadletter.DeadLetterHealthCheck;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.deadletter.Replayer;
import org.wfmagentsync.delta.ChangeDetector;
import org.wfmagentsync.directory.DirectoryHealthCheck;
import org.wfmagentsync.directory.DirectoryReader;
import org.wfmagentsync.directory.DirectorySettings;
import org.wfmagentsync.directory.OrgDirectory;
import org.wfmagentsync.genesys.DirectoryJson;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.legacy.FeedReader;
import org.wfmagentsync.legacy.LegacyCallFailures;
import org.wfmagentsync.mapping.MappingFileUnusable;
import org.wfmagentsync.mapping.MappingHealthCheck;
import org.wfmagentsync.mapping.StatusMapper;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.DeadLetterGroup;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.push.BatchRequest;
import org.wfmagentsync.push.BatchResponse;
import org.wfmagentsync.push.CapacityCodes;
import org.wfmagentsync.push.ConcurrencyLimit;
import org.wfmagentsync.push.EventBatcher;
import org.wfmagentsync.push.FailedDeliveries;
import org.wfmagentsync.push.LimitMemory;
import org.wfmagentsync.push.PublishingWindow;
import org.wfmagentsync.push.PushGate;
import org.wfmagentsync.push.PushRounds;
import org.wfmagentsync.push.RateLedger;
import org.wfmagentsync.push.RatePacer;
import org.wfmagentsync.push.RetryBudget;
import org.wfmagentsync.push.RetryPolicy;
import org.wfmagentsync.push.TokenCache;
import org.wfmagentsync.run.CronInterval;
import org.wfmagentsync.run.InterruptedRuns;
import org.wfmagentsync.run.RunTracker;
import org.wfmagentsync.run.SkippedTriggers;
import org.wfmagentsync.store.Database;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;
import org.wfmagentsync.store.DirectoryStore;
import org.wfmagentsync.store.RateWindowStore;
import org.wfmagentsync.store.LearnedLimitStore;
import org.wfmagentsync.store.RunSummaryStore;
import org.wfmagentsync.support.Credentials;
import org.wfmagentsync.support.ForeignText;
import org.wfmagentsync.target.PresenceSource;

/** Builds the connector's beans from configuration and binds them under the names the routes use. */
public final class SyncBeans implements CamelConfiguration {

    /** How long a dry run waits for the org's directory it reads (a run waits wfm.directory.run-wait-ms). */
    static final Duration DRY_RUN_DIRECTORY_WAIT = Duration.ofSeconds(60);

    /** Where a dry run's stages report instead (check, mapping export); null for the connector. */
    private final DryRunFindings dryRun;

    public SyncBeans() {
        this(null);
    }

    /**
     * For a dry run ({@link DryRun}): the same beans, except that the stages' dead letters and
     * counts go to {@code dryRun}, interrupted runs are left for the connector to find, a presence
     * source given by name is not created, and a state database that cannot be opened (a connector
     * running on it) is replaced by an empty one in memory.
     */
    SyncBeans(DryRunFindings dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public void configure(CamelContext context) {
        ConfigReader config = ConfigReader.of(context);
        // every bad value at once, one line each, before anything is opened
        config.validate(ConnectorConfig.definition());
        TlsVerification.enforce(context);
        // Before anything is opened: a taken port fails the start with nothing to clean up.
        if (config.find(CamelKeys.MANAGEMENT_ENABLED).orElse(false)) {
            ManagementPort.requireFree(config.find(CamelKeys.MANAGEMENT_HOST).orElse(""),
                    config.get(CamelKeys.MANAGEMENT_PORT));
        }
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        EventJson eventJson = new EventJson(json);

        // state
        Database database = openDatabase(config);
        closeOnStop(context, database::close);
        DataSource db = database.dataSource();
        DeadLetterStore deadLetterStore = new DeadLetterStore(db, clock);
        DeliveredStateStore delivered = new DeliveredStateStore(db, clock);
        RunSummaryStore runSummaries = new RunSummaryStore(db, json, config.get(RUNS_KEEP));
        String node = nodeName(config);
        if (database.sharedByInstances() && dryRun == null) {
            ClusteredSchedule.configure(context, db, node);
        }
        Supplier<Map<DeadLetterGroup, Long>> openDeadLetters = cached(deadLetterStore);
        SyncMetrics metrics = new SyncMetrics(meterRegistry(registry), openDeadLetters);
        metrics.settings(config.get(DEADLETTER_DEGRADED_THRESHOLD), config.get(SCHEDULE_ENABLED)
                ? CronInterval.longestGap(config.get(SCHEDULE_CRON), clock.instant(), TimeZone.getDefault())
                : Duration.ZERO);
        HealthCheckRegistry.get(context).register(new DeadLetterHealthCheck(() -> byReason(openDeadLetters.get()),
                config.get(DEADLETTER_DEGRADED_THRESHOLD)));

        // the push's limits, then run reporting, which reports them and hears from every stage
        RetryBudget budget = new RetryBudget(config.get(RETRY_BUDGET_CAPACITY), config.get(RETRY_BUDGET_RETRY_COST));
        CapacityCodes capacityCodes = new CapacityCodes(config.get(RETRY_CONFLICT_CODES));
        // what the learned limit and the rate window are kept under: the client token, named by a digest
        String token = tokenKey(config.get(GENESYS_API_URL), config.get(GENESYS_CLIENT_ID));
        PushGate gate = pushGate(config, clock, json, budget, capacityCodes, rateLedger(config, database, clock, token),
                new LimitMemory(new LearnedLimitStore(db), token, config.get(PUSH_LEARNED_LIMIT_STEP)));
        metrics.watch(gate);
        RunTracker runs = new RunTracker(runSummaries, metrics, clock,
                config.get(REPLAY_WAIT).toMillis(), gate,
                List.of(MappingFileUnusable::explain, TokenCache::explain, PresenceSource::explain,
                        legacyCallFailures(config)),
                deadLetterStore::openCount, database.runLock(),
                dryRun != null ? () -> { } : new InterruptedRuns(runSummaries, delivered, deadLetterStore)::recover,
                node);
        if (dryRun == null) {
            runs.recoverAtStart();
        }
        stopGracefully(context, gate, runs);
        reportSkippedTriggers(context, runs, runSummaries);
        // the token, and the presence source every event names (checked or found at start-up: ConnectorMain)
        TokenCache tokens = new TokenCache(config.get(GENESYS_CLIENT_ID), config.get(GENESYS_CLIENT_SECRET),
                config.get(GENESYS_TOKEN_REFRESH_MARGIN), clock, json, context.createProducerTemplate(), metrics);
        PresenceSource presenceSource = new PresenceSource(config.get(GENESYS_PRESENCE_SOURCE_ID),
                config.get(GENESYS_PRESENCE_SOURCE_NAME), dryRun != null, context.createProducerTemplate(), json);
        // the org's directory, which the mapping looks users and presences up in; it hears of every dead letter
        OrgDirectory directory = orgDirectory(context, config, db, json, tokens, clock, dryRun != null);
        DeadLetterRecorder deadLetters = dryRun != null ? dryRun
                : new DeadLetterRecorder(deadLetterStore, metrics, runs, clock, directory::failureRecorded);
        RunEvents stageEvents = dryRun != null ? dryRun : runs;

        // the stages, in data order
        FeedReader feed = new FeedReader(deadLetters, stageEvents, clock, config.get(LEGACY_FUTURE_TOLERANCE));
        StatusMapper mapper = new StatusMapper(Path.of(config.get(MAPPING_AGENTS_FILE)),
                Path.of(config.get(MAPPING_STATES_FILE)), presenceSource::id, deadLetters, directory,
                config.get(MAPPING_LEGACY_ID_IS));
        mapper.preload();
        HealthCheckRegistry.get(context).register(new MappingHealthCheck(mapper));
        HealthCheckRegistry.get(context).register(new DirectoryHealthCheck(directory));
        ChangeDetector changes = new ChangeDetector(delivered, deadLetterStore,
                config.get(DEADLETTER_REDRIVE), stageEvents);
        RedeliveryPolicy backoff = pushBackoff(config);
        int maxRedeliveries = config.get(RETRY_MAX_REDELIVERIES);
        RetryPolicy retryPolicy = new RetryPolicy(maxRedeliveries, capacityCodes, config.get(RETRY_STATUSES),
                backoff, tokens, metrics, runs, budget, gate::stopping);
        FailedDeliveries failures = new FailedDeliveries(deadLetters, eventJson, retryPolicy, runs, gate::stopping);
        EventBatcher batcher = new EventBatcher(config.get(PUSH_BATCH_SIZE), EventJson.MAX_REQUEST_BYTES, eventJson);
        PushRounds rounds = new PushRounds(batcher, maxRedeliveries, backoff, budget, failures, metrics, runs,
                gate::stopping);

        registry.bind("wfmJson", json);
        registry.bind("stateDataSource", db);
        registry.bind("syncMetrics", metrics);
        registry.bind("runTracker", runs);
        registry.bind("runSummaryStore", runSummaries);
        registry.bind("deadLetterStore", deadLetterStore);
        registry.bind("deadLetterRecorder", deadLetters);
        registry.bind("feedReader", feed);
        registry.bind("statusMapper", mapper);
        registry.bind("orgDirectory", directory);
        registry.bind("changeDetector", changes);
        registry.bind("tokenCache", tokens);
        registry.bind("presenceSource", presenceSource);
        registry.bind("pushGate", gate);
        registry.bind("pushRounds", rounds);
        registry.bind("batchRequest", new BatchRequest(tokens, eventJson, metrics, runs, clock));
        registry.bind("batchResponse", new BatchResponse(json, delivered, deadLetterStore, failures, metrics, runs,
                clock, rounds, budget));
        registry.bind("failedDeliveries", failures);
        // the push backoff: the one definition the route files' error handlers (redeliveryPolicyRef) and the rounds use
        registry.bind("pushBackoff", backoff);
        registry.bind("retryPolicy", retryPolicy);
        registry.bind("retryScheduler", retryPolicy.scheduler());
        registry.bind("pushWorkers", pushWorkers(context, gate));
        registry.bind("replayer", new Replayer(deadLetterStore, delivered, eventJson));
        registry.bind("deadLetterApi", new DeadLetterApi(deadLetterStore, runSummaries, json, apiToken(config),
                context.createProducerTemplate()));
        registry.bind("consoleFiles", new ConsoleFiles());
        registry.bind("apiServerPort", apiServerPort(config));
    }

    /**
     * The org's directory, from the state database; its reads run on a thread of their own, through the
     * routes of routes/directory.camel.yaml, and the first starts once Camel has started them.
     */
    private static OrgDirectory orgDirectory(CamelContext context, ConfigReader config, DataSource db, ObjectMapper json,
            TokenCache tokens, Clock clock, boolean dryRun) {
        DirectoryReader reader = new DirectoryReader(context.createProducerTemplate(), new DirectoryJson(json),
                config.get(DIRECTORY_PAGE_SIZE), tokens::authorization, tokens::rejected);
        // a dry run keeps no read, and waits for the one it starts: it shows what the next run maps once it is read
        DirectoryStore store = dryRun ? new DirectoryStore(db).readingOnly() : new DirectoryStore(db);
        Duration runWait = dryRun ? Collections.max(List.of(config.get(DIRECTORY_RUN_WAIT), DRY_RUN_DIRECTORY_WAIT))
                : config.get(DIRECTORY_RUN_WAIT);
        OrgDirectory directory = new OrgDirectory(store, reader, clock, new DirectorySettings(
                config.get(DIRECTORY_REFRESH_INTERVAL), config.get(DIRECTORY_MIN_INTERVAL), runWait,
                config.get(DIRECTORY_UNKNOWN_USER_ANSWERS)),
                context.getExecutorServiceManager().newSingleThreadExecutor(SyncBeans.class, "wfm-directory"));
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                directory.connectorStarted();
            }
        });
        return directory;
    }

    /**
     * The state database; for a dry run that cannot open it (an embedded one a running connector
     * holds), an empty one in memory, and the findings say why.
     */
    private Database openDatabase(ConfigReader config) {
        try {
            return Database.open(config.get(DB_URL), config.get(DB_USER), config.get(DB_PASSWORD));
        } catch (RuntimeException unusable) {
            if (dryRun == null) {
                throw unusable;
            }
            dryRun.stateUnreadable(ForeignText.oneLine(Credentials.mask(String.valueOf(unusable.getMessage())), "", 200));
            return Database.open("jdbc:h2:mem:wfm-dry-run-" + UUID.randomUUID(), "sa", "");
        }
    }

    /** The legacy feed's URL and the HTTP response timeout, named when the feed cannot be read. */
    static LegacyCallFailures legacyCallFailures(ConfigReader config) {
        return new LegacyCallFailures(config.get(LEGACY_AGENTS_URL),
                config.find(CamelKeys.HTTP_RESPONSE_TIMEOUT).map(Duration::toMillis).orElse(0L));
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
    private static void stopGracefully(CamelContext context, PushGate gate, RunTracker runs) {
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                gate.stop();
                runs.connectorStopping();
            }
        });
    }

    /** A sync trigger that falls due during a run is skipped (routes/sync.camel.yaml); the log says so. */
    private static void reportSkippedTriggers(CamelContext context, RunTracker runs, RunSummaryStore kept) {
        context.getComponent("quartz", QuartzComponent.class).addScheduleInitTask(scheduler ->
                scheduler.getListenerManager().addTriggerListener(new SkippedTriggers(runs, () -> kept.latest(5))));
    }

    /**
     * Tells the REST API's platform-http routes which server they live on. Without it Camel 4.14
     * reads the port from the management server's socket, and when that server is still binding as
     * the routes start (seen under load) it falls back to 8080 and the start fails.
     */
    private static VertxPlatformHttpServerConfiguration apiServerPort(ConfigReader config) {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindPort(config.get(CamelKeys.MANAGEMENT_PORT));
        return configuration;
    }

    /** Replay and discard must never be open to the network: off loopback, a token is required. */
    private static String apiToken(ConfigReader config) {
        String token = config.get(API_TOKEN);
        String host = config.find(CamelKeys.MANAGEMENT_HOST).orElse("");
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        if (!loopback && token.isEmpty()) {
            throw new IllegalStateException("camel.management.host is '" + host + "', not loopback, so the dead-letter"
                    + " API would be open to the network: set WFM_API_TOKEN (callers then send"
                    + " 'Authorization: Bearer <token>')");
        }
        return token;
    }

    /** The adaptive concurrency limit, the rate pacer and the publishing-window profile, from wfm.push.* and wfm.window.*. */
    private static PushGate pushGate(ConfigReader config, Clock clock, ObjectMapper json, RetryBudget budget,
            CapacityCodes capacityCodes, RateLedger rate, LimitMemory memory) {
        // Start levels above the ceiling are held to it by the limit (lowering the ceiling alone must not fail the start).
        PublishingWindow window;
        try {
            window = new PublishingWindow(PublishingWindow.Mode.valueOf(config.get(WINDOW_MODE).toUpperCase(Locale.ROOT)),
                    config.get(WINDOW_DAYS), config.get(WINDOW_START), config.get(WINDOW_END), config.get(WINDOW_ZONE));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new PushGate(new ConcurrencyLimit(config.get(PUSH_MAX_CONCURRENT), config.get(PUSH_BACKOFF_RATIO),
                config.get(PUSH_PROBE_ROUND_TRIPS)), rate, window,
                config.get(PUSH_INITIAL_CONCURRENT), config.get(WINDOW_INITIAL_CONCURRENT), capacityCodes, budget, memory,
                clock, json);
    }

    /**
     * The client token's per-minute budget and Retry-After pause: in memory for an embedded state
     * database, in the database for every instance on a shared one, keyed by a digest of the API URL
     * and the client id (never the secret).
     */
    private static RateLedger rateLedger(ConfigReader config, Database database, Clock clock, String token) {
        int perMinute = config.get(PUSH_RATE_PER_MINUTE);
        if (!database.sharedByInstances()) {
            return RateLedger.inMemory(new RatePacer(perMinute));
        }
        RateWindowStore store = new RateWindowStore(database.dataSource(), clock);
        return RateLedger.shared(store::update, token, perMinute);
    }

    /** A digest naming the client token: the same on every instance configured for it, telling nothing of it. */
    static String tokenKey(String apiUrl, String clientId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((apiUrl + "\n" + clientId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** wfm.node-name, or the host name and the process id. */
    static String nodeName(ConfigReader config) {
        String given = config.get(NODE_NAME).trim();
        if (!given.isEmpty()) {
            return given;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** One thread per batch under way: while one batch's thread records what was delivered, another can be sending. */
    private static ExecutorService pushWorkers(CamelContext context, PushGate gate) {
        return context.getExecutorServiceManager().newFixedThreadPool(SyncBeans.class, "wfm-push",
                gate.batchesUnderWay());
    }

    /**
     * The push backoff, defined once from {@code wfm.retry.*}: the push error policy and the token route
     * reference it by id ({@code redeliveryPolicyRef: pushBackoff}), and the retry policy and the rounds
     * compute their delays with it. Exponential with collision avoidance, never blocking a thread while
     * it waits; Camel logs the retries at DEBUG, the connector says what gave up.
     */
    private static RedeliveryPolicy pushBackoff(ConfigReader config) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(config.get(RETRY_MAX_REDELIVERIES));
        policy.setRedeliveryDelay(config.get(RETRY_INITIAL_DELAY).toMillis());
        policy.setBackOffMultiplier(config.get(RETRY_BACKOFF_MULTIPLIER));
        policy.setUseExponentialBackOff(true);
        policy.setUseCollisionAvoidance(true);
        policy.setMaximumRedeliveryDelay(config.get(RETRY_MAX_DELAY).toMillis());
        policy.setAsyncDelayedRedelivery(true);
        policy.setRetryAttemptedLogLevel(LoggingLevel.DEBUG);
        policy.setRetriesExhaustedLogLevel(LoggingLevel.DEBUG);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        return policy;
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
    private static Supplier<Map<DeadLetterGroup, Long>> cached(DeadLetterStore store) {
        return new java.util.function.Supplier<>() {
            private Map<DeadLetterGroup, Long> counts;
            private long readAt;

            @Override
            public synchronized Map<DeadLetterGroup, Long> get() {
                long now = System.nanoTime();
                if (counts == null || now - readAt > Duration.ofSeconds(1).toNanos()) {
                    counts = store.openCounts();
                    readAt = now;
                }
                return counts;
            }
        };
    }

    /** The open dead letters by reason, every kind together (every reason listed, 0 when none is open). */
    private static Map<DeadLetterReason, Long> byReason(Map<DeadLetterGroup, Long> counts) {
        Map<DeadLetterReason, Long> byReason = new java.util.EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            byReason.put(reason, 0L);
        }
        counts.forEach((group, count) -> byReason.merge(group.reason(), count, Long::sum));
        return byReason;
    }
}

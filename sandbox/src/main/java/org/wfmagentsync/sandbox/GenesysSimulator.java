package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP stand-in for Genesys Cloud: OAuth client credentials, presence event injection, presence sources, limits, and inspection. */
public final class GenesysSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GenesysSimulator.class);
    private static final int REQUEST_LOG_CAPACITY = 100_000;
    /** The longest a {@link ConnectionFault#HANG} holds a request; closing the simulator ends it sooner. */
    public static final java.time.Duration MAX_HANG = java.time.Duration.ofSeconds(60);

    private final SandboxSettings settings;
    private final Clock clock;
    private final GenesysKnobs knobs;
    private final FixedWindowRateLimiter rateLimiter;
    private final GenesysMetrics metrics = new GenesysMetrics();
    private final TokenStore tokens;
    private final ConcurrencyGate gate = new ConcurrencyGate();
    private final PresenceSourceStore sources;
    private final PresenceStore store;
    private final Countdown<ForcedResponse> forced = new Countdown<>();
    private final RequestLog requestLog = new RequestLog(REQUEST_LOG_CAPACITY);
    private final TokenEndpoint tokenEndpoint;
    private final PresenceEndpoint presenceEndpoint;
    private final InspectionEndpoint inspectionEndpoint;
    private final PresenceSourcesEndpoint sourcesEndpoint;
    private HttpServer server;
    private ExecutorService executor;

    public GenesysSimulator(SandboxSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.knobs = new GenesysKnobs(settings);
        this.rateLimiter = new FixedWindowRateLimiter(clock.instant());
        SeededDraws draws = new SeededDraws(settings.seed());
        GenesysJson json = new GenesysJson(new ObjectMapper());
        this.tokens = new TokenStore(draws);
        this.sources = new PresenceSourceStore(settings.presenceSourceId());
        this.store = new PresenceStore(knobs, metrics, draws, sources);
        this.tokenEndpoint = new TokenEndpoint(knobs, tokens, metrics, json, clock);
        this.presenceEndpoint = new PresenceEndpoint(knobs, clock, tokens, rateLimiter, gate, store,
                forced, metrics, requestLog, draws, json);
        this.inspectionEndpoint = new InspectionEndpoint(this::state, this::counters, json);
        this.sourcesEndpoint = new PresenceSourcesEndpoint(knobs, clock, tokens, sources, json);
    }

    public GenesysSimulator(SandboxSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** Binds the HTTP server (port from settings, 0 = any free port) and starts answering. */
    public synchronized GenesysSimulator start() {
        if (server != null) {
            return this;
        }
        server = HttpServers.create(settings.genesysHost(), settings.genesysPort(), 1024, "Genesys simulator");
        // Many workers, so the simulated concurrency limit (not the server's thread count) is what a client meets.
        executor = Executors.newFixedThreadPool(settings.genesysThreads(), SimulatedWait.daemonThreads("genesys-sim"));
        server.setExecutor(executor);
        server.createContext(TokenEndpoint.PATH, Exchanges.guarded("genesys-token", tokenEndpoint));
        server.createContext(PresenceEndpoint.PATH, Exchanges.guarded("genesys-presence", presenceEndpoint));
        server.createContext(PresenceSourcesEndpoint.PATH, Exchanges.guarded("genesys-presence-sources", sourcesEndpoint));
        server.createContext("/sandbox/", Exchanges.guarded("genesys-inspection", inspectionEndpoint));
        server.createContext("/", Exchanges.guarded("genesys-other", inspectionEndpoint));
        server.start();
        LOG.info("Genesys simulator at {} (window {}, limits {}/{} concurrent, {} per minute)", baseUrl(),
                knobs.windowMode, knobs.concurrentLimit, knobs.windowConcurrentLimit, knobs.rateLimitPerMinute);
        return this;
    }

    /** e.g. {@code http://127.0.0.1:PORT}; serves both the API and the login paths. */
    public String baseUrl() {
        HttpServer running = server;
        if (running == null) {
            throw new IllegalStateException("Genesys simulator not started");
        }
        return "http://" + settings.genesysHost() + ":" + running.getAddress().getPort();
    }

    /** {@code baseUrl() + "/oauth/token"}. */
    public String tokenUrl() {
        return baseUrl() + TokenEndpoint.PATH;
    }

    /** {@code baseUrl() + "/api/v2/events/users/presence"}. */
    public String presenceUrl() {
        return baseUrl() + PresenceEndpoint.PATH;
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** The presence currently held for a user, if any event was applied for it. */
    public Optional<UserPresence> presenceOf(String userId) {
        return store.presenceOf(userId);
    }

    /** Immutable snapshot: userId to held presence. */
    public Map<String, UserPresence> state() {
        return store.snapshot();
    }

    public GenesysCounters counters() {
        return metrics.snapshot(gate, tokens);
    }

    /** The last (up to 100,000) presence requests, oldest first. */
    public List<RequestLogEntry> requestLog() {
        return requestLog.snapshot();
    }

    /** Whether the schedule-publishing window is active now, by the simulator's clock and mode. */
    public boolean isWindowActive() {
        return knobs.windowActive(clock.instant());
    }

    /** When the first one-minute rate-limit window began; the next ones follow every 60 s. */
    public Instant rateWindowOrigin() {
        return rateLimiter.origin();
    }

    /** Restarts the per-minute rate windows from {@code origin} with no request counted yet. */
    public void restartRateWindows(Instant origin) {
        rateLimiter.restart(origin);
    }

    /** The concurrent-request limit in force right now (the window's while it is active). */
    public int concurrentLimitNow() {
        return knobs.concurrentLimitAt(clock.instant());
    }

    /** Every access token issued so far, revoked ones included (to check that none leaks anywhere). */
    public List<String> issuedTokens() {
        return tokens.issuedTokens();
    }

    /** The org's presence sources, deactivated ones included, oldest first (it starts with the configured one). */
    public List<PresenceSource> presenceSources() {
        return sources.snapshot();
    }

    /** Deactivates a presence source, as an admin would: events naming it are refused, and another may be created. */
    public void deactivatePresenceSource(String sourceId) {
        if (sources.update(sourceId, null, null, null, Boolean.TRUE).isEmpty()) {
            throw new IllegalArgumentException("no presence source " + sourceId);
        }
    }

    /**
     * From now on the OAuth client's role lacks {@code permission} (e.g. {@code presence:source:add}):
     * the presence source endpoints that need it answer 403. {@link #grantAllPermissions()} undoes it.
     */
    public void denyPermission(String permission) {
        Set<String> denied = new HashSet<>(knobs.deniedPermissions);
        denied.add(Objects.requireNonNull(permission, "permission"));
        knobs.deniedPermissions = Set.copyOf(denied);
    }

    /** The client's role has every permission again. */
    public void grantAllPermissions() {
        knobs.deniedPermissions = Set.of();
    }

    /** Forgets every issued token: the next call with one gets 401 authentication.required. */
    public void revokeAllTokens() {
        tokens.revokeAll();
    }

    /**
     * Revokes every issued token when the {@code requestNo}-th presence request (counted since the
     * simulator started, 1-based) arrives, before it is checked; that request and every later one
     * with an old token get 401. Deterministic "tokens revoked mid-run"; 0 turns it off.
     */
    public void revokeAllTokensAtRequest(long requestNo) {
        knobs.revokeTokensAtRequest = requestNo;
    }

    /** While down, the token endpoint answers 503. */
    public void setTokenEndpointDown(boolean down) {
        knobs.tokenEndpointDown = down;
    }

    /** The next {@code count} token requests get 503 temporarily_unavailable; then it works again. 0 clears. */
    public void failNextTokenRequests(int count) {
        knobs.tokenFailures.set(count, Boolean.TRUE);
    }

    /**
     * The next {@code count} presence requests (any token, before any other check) are read and then
     * failed below HTTP as {@code fault} says; none of their events is applied. Integer.MAX_VALUE
     * means forever, 0 clears. Counted in {@link GenesysCounters#droppedConnections()}.
     */
    public void failNextConnections(int count, ConnectionFault fault) {
        knobs.connectionFaults.set(count, Objects.requireNonNull(fault, "fault"));
    }

    public void setConcurrentLimit(int limit) {
        knobs.concurrentLimit = requirePositive("concurrentLimit", limit);
    }

    public void setWindowConcurrentLimit(int limit) {
        knobs.windowConcurrentLimit = requirePositive("windowConcurrentLimit", limit);
    }

    public void setWindowMode(WindowMode mode) {
        knobs.windowMode = Objects.requireNonNull(mode, "mode");
    }

    public void setRateLimitPerMinute(int limit) {
        knobs.rateLimitPerMinute = requirePositive("rateLimitPerMinute", limit);
    }

    public void setRandom5xxShare(double share) {
        knobs.random5xxShare = requireShare("random5xxShare", share);
    }

    public void setPerEventConflictShare(double share) {
        knobs.perEventConflictShare = requireShare("perEventConflictShare", share);
    }

    /** Log-normal service time; a zero median turns latency off. */
    public void setLatency(long medianMs, double sigma) {
        knobs.latency = new LatencyModel(medianMs, sigma);
    }

    /** Only these userIds are accepted (others get a non-retryable "user not found"); null accepts any. */
    public void setKnownUsers(Set<String> userIds) {
        knobs.knownUsers = userIds == null ? null : Set.copyOf(userIds);
    }

    /**
     * The next {@code count} authenticated presence requests get an ErrorBody with this status and code plus the
     * headers, instead of being processed; Integer.MAX_VALUE means forever, 0 clears.
     */
    public void failNextRequests(int count, int status, String code, Map<String, String> headers) {
        forced.set(count, ForcedResponse.error(status, code, headers));
    }

    /** Like {@link #failNextRequests(int, int, String, Map)} with any answer, e.g. a 200 with an unexpected body. */
    public void failNextRequests(int count, ForcedResponse response) {
        forced.set(count, Objects.requireNonNull(response, "response"));
    }

    /** Drops any pending forced answers. */
    public void clearForcedResponses() {
        forced.set(0, null);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            LOG.info("Genesys simulator stopped");
        }
    }

    private static int requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1: " + value);
        }
        return value;
    }

    private static double requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
        }
        return value;
    }
}

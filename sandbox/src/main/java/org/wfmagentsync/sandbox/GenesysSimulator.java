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

/**
 * HTTP stand-in for Genesys Cloud: OAuth client credentials, presence and routing-status event
 * injection (sharing the client's limits), presence sources, the org's directory (users, user
 * search, presence definitions), and inspection.
 */
public final class GenesysSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GenesysSimulator.class);
    private static final int REQUEST_LOG_CAPACITY = 100_000;
    /** The longest a {@link ConnectionFault#HANG} holds a request; closing the simulator ends it sooner. */
    public static final java.time.Duration MAX_HANG = java.time.Duration.ofSeconds(60);
    /** The largest event request body taken, in bytes; a larger one gets 413 {@code request.entity.too.large}. */
    public static final int MAX_REQUEST_BYTES = 512_000;

    private final SandboxSettings settings;
    private final Clock clock;
    private final GenesysKnobs knobs;
    private final FixedWindowRateLimiter rateLimiter;
    private final GenesysMetrics metrics = new GenesysMetrics();
    private final GenesysMetrics routingMetrics = new GenesysMetrics();
    private final TokenStore tokens;
    private final ConcurrencyGate gate = new ConcurrencyGate();
    private final PresenceSourceStore sources;
    private final EventStore<IncomingEvent, UserPresence> store;
    private final EventStore<IncomingRoutingStatusEvent, UserRoutingStatus> routingStore;
    private final Countdown<ForcedResponse> forced = new Countdown<>();
    private final RequestLog requestLog = new RequestLog(REQUEST_LOG_CAPACITY);
    private final TokenEndpoint tokenEndpoint;
    private final EventEndpoint<IncomingEvent> presenceEndpoint;
    private final EventEndpoint<IncomingRoutingStatusEvent> routingStatusEndpoint;
    private final InspectionEndpoint inspectionEndpoint;
    private final OrgUsers users;
    private final OrgPresences presences = new OrgPresences();
    private final DirectoryGuard directoryGuard;
    private final UsersEndpoint usersEndpoint;
    private final PresenceDefinitionsEndpoint definitionsEndpoint;
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
        this.users = new OrgUsers(settings.legacyAgents());
        this.sources = new PresenceSourceStore(settings.presenceSourceId());
        this.store = EventStore.presences(knobs, metrics, draws, users, presences, sources);
        this.routingStore = EventStore.routingStatuses(knobs, routingMetrics, draws, users, sources);
        this.tokenEndpoint = new TokenEndpoint(knobs, tokens, metrics, json, clock);
        // one token, one tenant: both event endpoints share the rate limit, the concurrency gate and the planted faults
        EventEndpoint.Shared shared = new EventEndpoint.Shared(knobs, clock, tokens, rateLimiter, gate, forced,
                requestLog, draws, json, new java.util.concurrent.atomic.AtomicLong());
        this.presenceEndpoint = new EventEndpoint<>(EventEndpoint.PRESENCE_PATH, RequestLogEntry.PRESENCE,
                new EventBatchParser<>(json.mapper().getFactory(), "userPresenceEvents", knobs.maxEventsPerRequest,
                        MAX_REQUEST_BYTES, IncomingEvent::of), store::apply, metrics, shared);
        this.routingStatusEndpoint = new EventEndpoint<>(EventEndpoint.ROUTING_STATUS_PATH,
                RequestLogEntry.ROUTING_STATUS, new EventBatchParser<>(json.mapper().getFactory(),
                        "userRoutingStatusEvents", knobs.maxEventsPerRequest, MAX_REQUEST_BYTES,
                        IncomingRoutingStatusEvent::of), routingStore::apply, routingMetrics, shared);
        this.inspectionEndpoint = new InspectionEndpoint(this::state, this::routingState, this::counters, json);
        this.directoryGuard = new DirectoryGuard(knobs, clock, tokens, rateLimiter, json);
        this.usersEndpoint = new UsersEndpoint(directoryGuard, users, json);
        this.definitionsEndpoint = new PresenceDefinitionsEndpoint(directoryGuard, presences, json);
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
        server.createContext(EventEndpoint.PRESENCE_PATH, Exchanges.guarded("genesys-presence", presenceEndpoint));
        server.createContext(EventEndpoint.ROUTING_STATUS_PATH,
                Exchanges.guarded("genesys-routing-status", routingStatusEndpoint));
        server.createContext(UsersEndpoint.PATH, Exchanges.guarded("genesys-users", usersEndpoint));
        server.createContext(PresenceDefinitionsEndpoint.PATH, Exchanges.guarded("genesys-presence-definitions",
                definitionsEndpoint));
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
        return baseUrl() + EventEndpoint.PRESENCE_PATH;
    }

    /** {@code baseUrl() + "/api/v2/events/users/routingstatus"}. */
    public String routingStatusUrl() {
        return baseUrl() + EventEndpoint.ROUTING_STATUS_PATH;
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** The presence currently held for a user, if any event was applied for it. */
    public Optional<UserPresence> presenceOf(String userId) {
        return store.of(userId);
    }

    /** Immutable snapshot: userId to held presence. */
    public Map<String, UserPresence> state() {
        return store.snapshot();
    }

    /** The routing status currently held for a user, if any routing-status event was applied for it. */
    public Optional<UserRoutingStatus> routingStatusOf(String userId) {
        return routingStore.of(userId);
    }

    /** Immutable snapshot: userId to held routing status. */
    public Map<String, UserRoutingStatus> routingState() {
        return routingStore.snapshot();
    }

    public GenesysCounters counters() {
        return metrics.snapshot(gate, tokens, routingMetrics);
    }

    /** The last (up to 100,000) event requests, presence and routing status, oldest first. */
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
     * Revokes every issued token when the {@code requestNo}-th event request (presence or routing
     * status, counted since the simulator started, 1-based) arrives, before it is checked; that request and every later one
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
     * The next {@code count} event requests (any token, before any other check) are read and then
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

    /** Every user of the org now ({@code GET /api/v2/users} lists them): one per legacy agent, then those added. */
    public List<OrgUser> users() {
        return users.all();
    }

    /**
     * Adds a user to the org, e.g. a new hire, or replaces the user with its id (say, with another
     * email or employee id): the next look at the directory finds it.
     */
    public void addUser(OrgUser user) {
        users.add(Objects.requireNonNull(user, "user"));
    }

    /**
     * Removes a user from the org: the directory no longer lists it, and a presence event for it gets
     * the non-retryable per-event error {@code user not found: <id>}. True when the user was there.
     */
    public boolean removeUser(String userId) {
        return users.remove(userId);
    }

    /** Adds one of the org's own presence definitions, labelled {@code label} in en_US; returns its id. */
    public String addPresenceDefinition(String label, String systemPresence, boolean deactivated) {
        return presences.add(label, systemPresence, deactivated);
    }

    /** While down, the users, search and presence definition endpoints answer 503. */
    public void setDirectoryDown(boolean down) {
        knobs.directoryDown = down;
    }

    /** Holds every request to the users, search and presence definition endpoints this long: a slow directory. */
    public void setDirectoryLatency(java.time.Duration latency) {
        knobs.directoryLatencyMs = Math.max(0, latency.toMillis());
    }

    /** Requests the users, search and presence definition endpoints received (any answer). */
    public long directoryRequests() {
        return directoryGuard.requests.get();
    }

    /** Only these userIds are accepted (others get a non-retryable "user not found"); null accepts any. */
    public void setKnownUsers(Set<String> userIds) {
        knobs.knownUsers = userIds == null ? null : Set.copyOf(userIds);
    }

    /**
     * The next {@code count} authenticated event requests (either endpoint) get an ErrorBody with this status and code plus the
     * headers, instead of being processed; Integer.MAX_VALUE means forever, 0 clears.
     */
    public void failNextRequests(int count, int status, String code, Map<String, String> headers) {
        forced.set(count, ForcedResponse.error(status, code, headers));
    }

    /**
     * Like {@link #failNextRequests(int, int, String, Map)}, for one endpoint's requests only: {@code
     * endpoint} is {@link RequestLogEntry#PRESENCE} or {@link RequestLogEntry#ROUTING_STATUS}. Checked before
     * the answers planted for both.
     */
    public void failNextRequestsTo(String endpoint, int count, int status, String code, Map<String, String> headers) {
        ForcedResponse response = ForcedResponse.error(status, code, headers);
        switch (endpoint) {
            case RequestLogEntry.PRESENCE -> presenceEndpoint.failNext(count, response);
            case RequestLogEntry.ROUTING_STATUS -> routingStatusEndpoint.failNext(count, response);
            default -> throw new IllegalArgumentException("no event endpoint '" + endpoint + "': "
                    + RequestLogEntry.PRESENCE + " or " + RequestLogEntry.ROUTING_STATUS);
        }
    }

    /** Like {@link #failNextRequests(int, int, String, Map)} with any answer, e.g. a 200 with an unexpected body. */
    public void failNextRequests(int count, ForcedResponse response) {
        forced.set(count, Objects.requireNonNull(response, "response"));
    }

    /** Drops any pending forced answers, those of one endpoint too. */
    public void clearForcedResponses() {
        forced.set(0, null);
        presenceEndpoint.failNext(0, null);
        routingStatusEndpoint.failNext(0, null);
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

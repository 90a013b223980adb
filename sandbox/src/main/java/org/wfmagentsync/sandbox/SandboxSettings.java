package org.wfmagentsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every knob of the sandbox, immutable, with defaults; build with {@link #builder()} or {@link #fromProperties}.
 *
 * <p>Property keys read by {@link #fromProperties(Function)} (absent or blank means the default):
 * <table>
 * <caption>Sandbox property keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>sandbox.seed</td><td>42</td><td>seed of every random choice</td></tr>
 * <tr><td>sandbox.legacy.agents</td><td>2000</td><td>agents in the legacy feed</td></tr>
 * <tr><td>sandbox.legacy.changeShare</td><td>0.10</td><td>share of agents changing state on each poll after the first</td></tr>
 * <tr><td>sandbox.legacy.host</td><td>127.0.0.1</td><td>legacy simulator bind address</td></tr>
 * <tr><td>sandbox.legacy.port</td><td>0</td><td>legacy simulator port, 0 = any free port</td></tr>
 * <tr><td>sandbox.genesys.host</td><td>127.0.0.1</td><td>Genesys simulator bind address</td></tr>
 * <tr><td>sandbox.genesys.port</td><td>0</td><td>Genesys simulator port, 0 = any free port</td></tr>
 * <tr><td>sandbox.genesys.clientId</td><td>sandbox-client</td><td>OAuth client id</td></tr>
 * <tr><td>sandbox.genesys.clientSecret</td><td>sandbox-secret</td><td>OAuth client secret</td></tr>
 * <tr><td>sandbox.genesys.presenceSourceId</td><td>{@link #DEFAULT_PRESENCE_SOURCE_ID}</td><td>the only accepted sourceId</td></tr>
 * <tr><td>sandbox.genesys.tokenTtlSeconds</td><td>3600</td><td>access token lifetime</td></tr>
 * <tr><td>sandbox.genesys.rateLimitPerMinute</td><td>300</td><td>requests per client per fixed clock minute</td></tr>
 * <tr><td>sandbox.genesys.concurrentLimit</td><td>10</td><td>in-flight requests per client outside the window</td></tr>
 * <tr><td>sandbox.genesys.windowConcurrentLimit</td><td>3</td><td>in-flight requests per client inside the window</td></tr>
 * <tr><td>sandbox.genesys.window.mode</td><td>SCHEDULE</td><td>SCHEDULE, ON or OFF</td></tr>
 * <tr><td>sandbox.genesys.window.day</td><td>TUESDAY</td><td>day of the publishing window</td></tr>
 * <tr><td>sandbox.genesys.window.start</td><td>09:00</td><td>window start (inclusive), local time</td></tr>
 * <tr><td>sandbox.genesys.window.end</td><td>10:00</td><td>window end (exclusive), local time</td></tr>
 * <tr><td>sandbox.genesys.window.zone</td><td>America/Chicago</td><td>zone of the window times</td></tr>
 * <tr><td>sandbox.genesys.perEventConflictShare</td><td>0.15</td><td>chance an event's first attempt inside the window gets a retryable conflict</td></tr>
 * <tr><td>sandbox.genesys.random5xxShare</td><td>0.0</td><td>chance a request gets 503 service.unavailable</td></tr>
 * <tr><td>sandbox.genesys.latency.medianMs</td><td>20</td><td>median service time, 0 = none</td></tr>
 * <tr><td>sandbox.genesys.latency.sigma</td><td>0.5</td><td>log-normal sigma of the service time (tail)</td></tr>
 * <tr><td>sandbox.genesys.maxEventsPerRequest</td><td>100</td><td>events allowed in one presence request</td></tr>
 * <tr><td>sandbox.genesys.threads</td><td>64</td><td>HTTP worker threads, so the concurrency limit bites before the server does</td></tr>
 * </table>
 */
public record SandboxSettings(
        long seed,
        int legacyAgents,
        double legacyChangeShare,
        String legacyHost,
        int legacyPort,
        String genesysHost,
        int genesysPort,
        String clientId,
        String clientSecret,
        String presenceSourceId,
        long tokenTtlSeconds,
        int rateLimitPerMinute,
        int concurrentLimit,
        int windowConcurrentLimit,
        WindowMode windowMode,
        DayOfWeek windowDay,
        LocalTime windowStart,
        LocalTime windowEnd,
        ZoneId windowZone,
        double perEventConflictShare,
        double random5xxShare,
        long latencyMedianMs,
        double latencySigma,
        int maxEventsPerRequest,
        int genesysThreads) {

    /** The sandbox org's presence source id (the connector's configured sourceId must equal it). */
    public static final String DEFAULT_PRESENCE_SOURCE_ID =
            UUID.nameUUIDFromBytes("sandbox-presence-source".getBytes(StandardCharsets.UTF_8)).toString();

    /** Prefix of every property key. */
    public static final String PREFIX = "sandbox.";

    // The property keys of the class table, one constant each: what {@link #fromProperties} reads.
    public static final String SEED = PREFIX + "seed";
    public static final String LEGACY_AGENTS = PREFIX + "legacy.agents";
    public static final String LEGACY_CHANGE_SHARE = PREFIX + "legacy.changeShare";
    public static final String LEGACY_HOST = PREFIX + "legacy.host";
    public static final String LEGACY_PORT = PREFIX + "legacy.port";
    public static final String GENESYS_HOST = PREFIX + "genesys.host";
    public static final String GENESYS_PORT = PREFIX + "genesys.port";
    public static final String CLIENT_ID = PREFIX + "genesys.clientId";
    public static final String CLIENT_SECRET = PREFIX + "genesys.clientSecret";
    public static final String PRESENCE_SOURCE_ID = PREFIX + "genesys.presenceSourceId";
    public static final String TOKEN_TTL_SECONDS = PREFIX + "genesys.tokenTtlSeconds";
    public static final String RATE_LIMIT_PER_MINUTE = PREFIX + "genesys.rateLimitPerMinute";
    public static final String CONCURRENT_LIMIT = PREFIX + "genesys.concurrentLimit";
    public static final String WINDOW_CONCURRENT_LIMIT = PREFIX + "genesys.windowConcurrentLimit";
    public static final String WINDOW_MODE = PREFIX + "genesys.window.mode";
    public static final String WINDOW_DAY = PREFIX + "genesys.window.day";
    public static final String WINDOW_START = PREFIX + "genesys.window.start";
    public static final String WINDOW_END = PREFIX + "genesys.window.end";
    public static final String WINDOW_ZONE = PREFIX + "genesys.window.zone";
    public static final String PER_EVENT_CONFLICT_SHARE = PREFIX + "genesys.perEventConflictShare";
    public static final String RANDOM_5XX_SHARE = PREFIX + "genesys.random5xxShare";
    public static final String LATENCY_MEDIAN_MS = PREFIX + "genesys.latency.medianMs";
    public static final String LATENCY_SIGMA = PREFIX + "genesys.latency.sigma";
    public static final String MAX_EVENTS_PER_REQUEST = PREFIX + "genesys.maxEventsPerRequest";
    public static final String GENESYS_THREADS = PREFIX + "genesys.threads";

    /**
     * Every key {@link #fromProperties} reads, in the order of the class table: what a host that
     * embeds the sandbox (the quick start) knows as the sandbox's settings, so that it can tell a
     * misspelt one from a real one.
     */
    public static final List<String> KEYS = List.of(SEED, LEGACY_AGENTS, LEGACY_CHANGE_SHARE, LEGACY_HOST, LEGACY_PORT,
            GENESYS_HOST, GENESYS_PORT, CLIENT_ID, CLIENT_SECRET, PRESENCE_SOURCE_ID, TOKEN_TTL_SECONDS,
            RATE_LIMIT_PER_MINUTE, CONCURRENT_LIMIT, WINDOW_CONCURRENT_LIMIT, WINDOW_MODE, WINDOW_DAY, WINDOW_START,
            WINDOW_END, WINDOW_ZONE, PER_EVENT_CONFLICT_SHARE, RANDOM_5XX_SHARE, LATENCY_MEDIAN_MS, LATENCY_SIGMA,
            MAX_EVENTS_PER_REQUEST, GENESYS_THREADS);

    public SandboxSettings {
        requireAtLeast("legacyAgents", legacyAgents, 0);
        requireShare("legacyChangeShare", legacyChangeShare);
        requirePort("legacyPort", legacyPort);
        requirePort("genesysPort", genesysPort);
        Objects.requireNonNull(legacyHost, "legacyHost");
        Objects.requireNonNull(genesysHost, "genesysHost");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(presenceSourceId, "presenceSourceId");
        requireAtLeast("tokenTtlSeconds", tokenTtlSeconds, 1);
        requireAtLeast("rateLimitPerMinute", rateLimitPerMinute, 1);
        requireAtLeast("concurrentLimit", concurrentLimit, 1);
        requireAtLeast("windowConcurrentLimit", windowConcurrentLimit, 1);
        Objects.requireNonNull(windowMode, "windowMode");
        new WindowSchedule(windowDay, windowStart, windowEnd, windowZone); // validates the slot
        requireShare("perEventConflictShare", perEventConflictShare);
        requireShare("random5xxShare", random5xxShare);
        requireAtLeast("latencyMedianMs", latencyMedianMs, 0);
        if (!(latencySigma >= 0)) {
            throw new IllegalArgumentException("latencySigma must be >= 0: " + latencySigma);
        }
        requireAtLeast("maxEventsPerRequest", maxEventsPerRequest, 1);
        requireAtLeast("genesysThreads", genesysThreads, 1);
    }

    /** The defaults listed in the class Javadoc. */
    public static SandboxSettings defaults() {
        return builder().build();
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The publishing-window slot made of day, start, end and zone. */
    public WindowSchedule windowSchedule() {
        return new WindowSchedule(windowDay, windowStart, windowEnd, windowZone);
    }

    /** Reads {@code sandbox.*} keys through {@code lookup} (e.g. {@code System::getProperty}); see the class table. */
    public static SandboxSettings fromProperties(Function<String, String> lookup) {
        PropertyReader in = new PropertyReader(lookup);
        SandboxSettings d = defaults();
        return builder()
                .seed(in.longValue(SEED, d.seed))
                .legacyAgents(in.intValue(LEGACY_AGENTS, d.legacyAgents))
                .legacyChangeShare(in.doubleValue(LEGACY_CHANGE_SHARE, d.legacyChangeShare))
                .legacyHost(in.text(LEGACY_HOST, d.legacyHost))
                .legacyPort(in.intValue(LEGACY_PORT, d.legacyPort))
                .genesysHost(in.text(GENESYS_HOST, d.genesysHost))
                .genesysPort(in.intValue(GENESYS_PORT, d.genesysPort))
                .clientId(in.text(CLIENT_ID, d.clientId))
                .clientSecret(in.text(CLIENT_SECRET, d.clientSecret))
                .presenceSourceId(in.text(PRESENCE_SOURCE_ID, d.presenceSourceId))
                .tokenTtlSeconds(in.longValue(TOKEN_TTL_SECONDS, d.tokenTtlSeconds))
                .rateLimitPerMinute(in.intValue(RATE_LIMIT_PER_MINUTE, d.rateLimitPerMinute))
                .concurrentLimit(in.intValue(CONCURRENT_LIMIT, d.concurrentLimit))
                .windowConcurrentLimit(in.intValue(WINDOW_CONCURRENT_LIMIT, d.windowConcurrentLimit))
                .windowMode(in.parsed(WINDOW_MODE, d.windowMode,
                        v -> WindowMode.valueOf(v.toUpperCase(Locale.ROOT))))
                .windowDay(in.parsed(WINDOW_DAY, d.windowDay,
                        v -> DayOfWeek.valueOf(v.toUpperCase(Locale.ROOT))))
                .windowStart(in.parsed(WINDOW_START, d.windowStart, LocalTime::parse))
                .windowEnd(in.parsed(WINDOW_END, d.windowEnd, LocalTime::parse))
                .windowZone(in.parsed(WINDOW_ZONE, d.windowZone, ZoneId::of))
                .perEventConflictShare(in.doubleValue(PER_EVENT_CONFLICT_SHARE, d.perEventConflictShare))
                .random5xxShare(in.doubleValue(RANDOM_5XX_SHARE, d.random5xxShare))
                .latencyMedianMs(in.longValue(LATENCY_MEDIAN_MS, d.latencyMedianMs))
                .latencySigma(in.doubleValue(LATENCY_SIGMA, d.latencySigma))
                .maxEventsPerRequest(in.intValue(MAX_EVENTS_PER_REQUEST, d.maxEventsPerRequest))
                .genesysThreads(in.intValue(GENESYS_THREADS, d.genesysThreads))
                .build();
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
        }
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
        }
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be within [0, 65535]: " + port);
        }
    }

    /** Reads one key (a constant above) at a time and names the key when a value does not parse. */
    private record PropertyReader(Function<String, String> lookup) {

        String text(String key, String fallback) {
            String raw = lookup.apply(key);
            return raw == null || raw.isBlank() ? fallback : raw.trim();
        }

        <T> T parsed(String key, T fallback, Function<String, T> parser) {
            String raw = text(key, null);
            if (raw == null) {
                return fallback;
            }
            try {
                return parser.apply(raw);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid value for " + key + ": '" + raw + "'", e);
            }
        }

        int intValue(String key, int fallback) {
            return parsed(key, fallback, Integer::parseInt);
        }

        long longValue(String key, long fallback) {
            return parsed(key, fallback, Long::parseLong);
        }

        double doubleValue(String key, double fallback) {
            return parsed(key, fallback, Double::parseDouble);
        }
    }

    /** Mutable builder; every field starts at its default. */
    public static final class Builder {
        private long seed = 42;
        private int legacyAgents = 2000;
        private double legacyChangeShare = 0.10;
        private String legacyHost = "127.0.0.1";
        private int legacyPort = 0;
        private String genesysHost = "127.0.0.1";
        private int genesysPort = 0;
        private String clientId = "sandbox-client";
        private String clientSecret = "sandbox-secret";
        private String presenceSourceId = DEFAULT_PRESENCE_SOURCE_ID;
        private long tokenTtlSeconds = 3600;
        private int rateLimitPerMinute = 300;
        private int concurrentLimit = 10;
        private int windowConcurrentLimit = 3;
        private WindowMode windowMode = WindowMode.SCHEDULE;
        private DayOfWeek windowDay = DayOfWeek.TUESDAY;
        private LocalTime windowStart = LocalTime.of(9, 0);
        private LocalTime windowEnd = LocalTime.of(10, 0);
        private ZoneId windowZone = ZoneId.of("America/Chicago");
        private double perEventConflictShare = 0.15;
        private double random5xxShare = 0.0;
        private long latencyMedianMs = 20;
        private double latencySigma = 0.5;
        private int maxEventsPerRequest = 100;
        private int genesysThreads = 64;

        private Builder() {
        }

        private Builder(SandboxSettings s) {
            seed = s.seed;
            legacyAgents = s.legacyAgents;
            legacyChangeShare = s.legacyChangeShare;
            legacyHost = s.legacyHost;
            legacyPort = s.legacyPort;
            genesysHost = s.genesysHost;
            genesysPort = s.genesysPort;
            clientId = s.clientId;
            clientSecret = s.clientSecret;
            presenceSourceId = s.presenceSourceId;
            tokenTtlSeconds = s.tokenTtlSeconds;
            rateLimitPerMinute = s.rateLimitPerMinute;
            concurrentLimit = s.concurrentLimit;
            windowConcurrentLimit = s.windowConcurrentLimit;
            windowMode = s.windowMode;
            windowDay = s.windowDay;
            windowStart = s.windowStart;
            windowEnd = s.windowEnd;
            windowZone = s.windowZone;
            perEventConflictShare = s.perEventConflictShare;
            random5xxShare = s.random5xxShare;
            latencyMedianMs = s.latencyMedianMs;
            latencySigma = s.latencySigma;
            maxEventsPerRequest = s.maxEventsPerRequest;
            genesysThreads = s.genesysThreads;
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder legacyAgents(int v) { legacyAgents = v; return this; }
        public Builder legacyChangeShare(double v) { legacyChangeShare = v; return this; }
        public Builder legacyHost(String v) { legacyHost = v; return this; }
        public Builder legacyPort(int v) { legacyPort = v; return this; }
        public Builder genesysHost(String v) { genesysHost = v; return this; }
        public Builder genesysPort(int v) { genesysPort = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder presenceSourceId(String v) { presenceSourceId = v; return this; }
        public Builder tokenTtlSeconds(long v) { tokenTtlSeconds = v; return this; }
        public Builder rateLimitPerMinute(int v) { rateLimitPerMinute = v; return this; }
        public Builder concurrentLimit(int v) { concurrentLimit = v; return this; }
        public Builder windowConcurrentLimit(int v) { windowConcurrentLimit = v; return this; }
        public Builder windowMode(WindowMode v) { windowMode = v; return this; }
        public Builder windowDay(DayOfWeek v) { windowDay = v; return this; }
        public Builder windowStart(LocalTime v) { windowStart = v; return this; }
        public Builder windowEnd(LocalTime v) { windowEnd = v; return this; }
        public Builder windowZone(ZoneId v) { windowZone = v; return this; }
        public Builder perEventConflictShare(double v) { perEventConflictShare = v; return this; }
        public Builder random5xxShare(double v) { random5xxShare = v; return this; }
        public Builder latencyMedianMs(long v) { latencyMedianMs = v; return this; }
        public Builder latencySigma(double v) { latencySigma = v; return this; }
        public Builder maxEventsPerRequest(int v) { maxEventsPerRequest = v; return this; }
        public Builder genesysThreads(int v) { genesysThreads = v; return this; }

        /** Latency off: what most functional tests want. */
        public Builder noLatency() { latencyMedianMs = 0; return this; }

        public SandboxSettings build() {
            return new SandboxSettings(seed, legacyAgents, legacyChangeShare, legacyHost, legacyPort,
                    genesysHost, genesysPort, clientId, clientSecret, presenceSourceId, tokenTtlSeconds,
                    rateLimitPerMinute, concurrentLimit, windowConcurrentLimit, windowMode, windowDay,
                    windowStart, windowEnd, windowZone, perEventConflictShare, random5xxShare,
                    latencyMedianMs, latencySigma, maxEventsPerRequest, genesysThreads);
        }
    }
}

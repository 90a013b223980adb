package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP stand-in for the legacy contact-center system: serves {@code GET /api/agents} with seeded, changing states. */
public final class LegacySimulator implements AutoCloseable {

    /** Ways the legacy endpoint can misbehave. */
    public enum Fault {
        /** Normal answers. */
        NONE,
        /** 503 with a text body. */
        DOWN,
        /** 200 with a truncated, unparseable JSON body. */
        MALFORMED,
        /** 200 with a well-formed feed of zero agents. */
        EMPTY
    }

    public static final String AGENTS_PATH = "/api/agents";

    private static final Logger LOG = LoggerFactory.getLogger(LegacySimulator.class);
    private static final int SERVER_THREADS = 4;

    private final SandboxSettings settings;
    private final Clock clock;
    private final AgentPopulation population;
    private final LegacyFeedWriter writer = new LegacyFeedWriter(new JsonFactory());
    private final AtomicLong polls = new AtomicLong();
    private volatile double changeShare;
    private volatile Fault fault = Fault.NONE;
    private volatile String rawBody;
    private volatile Duration delay = Duration.ZERO;
    private HttpServer server;
    private ExecutorService executor;

    public LegacySimulator(SandboxSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.population = new AgentPopulation(settings.legacyAgents(), settings.seed(), clock.instant());
        this.changeShare = settings.legacyChangeShare();
    }

    public LegacySimulator(SandboxSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** Binds the HTTP server (port from settings, 0 = any free port) and starts answering. */
    public synchronized LegacySimulator start() {
        if (server != null) {
            return this;
        }
        server = HttpServers.create(settings.legacyHost(), settings.legacyPort(), 128, "legacy simulator");
        executor = Executors.newFixedThreadPool(SERVER_THREADS, SimulatedWait.daemonThreads("legacy-sim"));
        server.setExecutor(executor);
        server.createContext("/", Exchanges.guarded("legacy", this::handle));
        server.start();
        LOG.info("Legacy simulator serving {} agents at {}", population.size(), agentsUrl());
        return this;
    }

    /** e.g. {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        HttpServer running = requireStarted();
        return "http://" + settings.legacyHost() + ":" + running.getAddress().getPort();
    }

    /** {@code baseUrl() + "/api/agents"}. */
    public String agentsUrl() {
        return baseUrl() + AGENTS_PATH;
    }

    /** Every agent's current record (including changes not yet polled), keyed by agent id in id order. */
    public Map<String, AgentTruth> truth() {
        return population.truth();
    }

    /** Changes {@code count} distinct agents to another state now (seeded); returns the changed agent ids. */
    public List<String> changeAgents(int count) {
        return population.change(count, clock.instant());
    }

    /** Sets one agent's state now; reason must be one of {@link AgentState#NOT_READY_REASONS} for NOT_READY, else null. */
    public void setState(String agentId, AgentState state, String reason) {
        population.set(agentId, state, reason, clock.instant());
    }

    /** Share of agents that change on each poll after the first. */
    public void setChangeShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within [0, 1]: " + share);
        }
        changeShare = share;
    }

    public void setFault(Fault fault) {
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    /** Serves exactly this body (200, application/json) on every poll until cleared with null; wins over faults. */
    public void setRawBody(String body) {
        this.rawBody = body;
    }

    /** Wait before answering each poll, to simulate a slow legacy system. */
    public void setDelay(Duration delay) {
        this.delay = delay == null ? Duration.ZERO : delay;
    }

    /** Requests received on {@code /api/agents}, whatever they were answered with. */
    public long pollCount() {
        return polls.get();
    }

    public int agentCount() {
        return population.size();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            LOG.info("Legacy simulator stopped");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Exchanges.readBody(exchange);
        if (!AGENTS_PATH.equals(exchange.getRequestURI().getPath())) {
            Exchanges.send(exchange, SimResponse.text(404, "no such resource"));
            return;
        }
        if (!"GET".equalsIgnoreCase(exchange.getRequestMethod())) {
            Exchanges.send(exchange, SimResponse.text(405, "GET only").withHeader("Allow", "GET"));
            return;
        }
        Instant now = clock.instant();
        if (polls.incrementAndGet() > 1) {
            // Agents keep working while the API misbehaves, so changes happen whatever this poll is answered with.
            population.changeShare(changeShare, now);
        }
        SimulatedWait.pause(delay);
        String raw = rawBody;
        if (raw != null) {
            Exchanges.send(exchange, SimResponse.json(200, raw.getBytes(StandardCharsets.UTF_8)));
            return;
        }
        AgentPopulation.Snapshot snapshot = population.snapshot();
        switch (fault) {
            case DOWN -> Exchanges.send(exchange, SimResponse.text(503, "legacy system unavailable (sandbox fault DOWN)"));
            case MALFORMED -> Exchanges.send(exchange, SimResponse.json(200, writer.truncated(now, population, snapshot)));
            case EMPTY -> Exchanges.send(exchange, SimResponse.json(200, writer.empty(now)));
            case NONE -> streamFeed(exchange, now, snapshot);
        }
    }

    private void streamFeed(HttpExchange exchange, Instant asOf, AgentPopulation.Snapshot snapshot) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0); // chunked: the size is not known before streaming
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
            writer.write(out, asOf, population, snapshot);
        }
        exchange.close();
    }

    private HttpServer requireStarted() {
        HttpServer running = server;
        if (running == null) {
            throw new IllegalStateException("legacy simulator not started");
        }
        return running;
    }
}

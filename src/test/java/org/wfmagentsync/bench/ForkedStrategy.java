package org.wfmagentsync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A strategy that runs in its {@link StrategyFork}. The harness keeps a copy of it for its name and its rules
 * (warm-ups, scenarios); the fork builds the same strategy by name from {@link BenchmarkMain#strategies()}, sets it
 * up, and runs it: the legacy feed is read and mapped there too, inside the timed part, and its CPU and heap are
 * measured there.
 */
final class ForkedStrategy implements Strategy {

    private final StrategyFork fork;
    private final Strategy local;
    private final Tenant tenant;
    private boolean started;

    /** {@code local} is the strategy as built in the harness's JVM; {@code tenant} the sandbox's live limits. */
    ForkedStrategy(StrategyFork fork, Strategy local, Tenant tenant) {
        this.fork = fork;
        this.local = local;
        this.tenant = tenant;
    }

    @Override
    public String name() {
        return local.name();
    }

    @Override
    public boolean warmsUp() {
        return local.warmsUp();
    }

    @Override
    public boolean runsIn(Scenario scenario) {
        return local.runsIn(scenario);
    }

    /** The fork reads the feed for a strategy that does not, so the harness must not. */
    @Override
    public boolean pullsItself() {
        return true;
    }

    @Override
    public void prepare(Scenario scenario, Target target) throws Exception {
        fork.start(describe(local.name(), scenario, target));
        started = true;
    }

    /** Tells the fork the tenant's limit and rate windows as they are at the start, as the oracle would read them. */
    @Override
    public Outcome run(Scenario scenario, Target target) throws Exception {
        return fork.sync(tenant.concurrentLimitNow(), tenant.rateWindowOrigin());
    }

    @Override
    public void close() throws Exception {
        if (started) {
            started = false;
            fork.stop();
        }
    }

    /** The strategy's name, the scenario and where to deliver (not the events: the fork reads them). */
    static Properties describe(String name, Scenario scenario, Target target) {
        Properties out = new Properties();
        out.setProperty("strategy", name);
        out.setProperty("scenario.name", scenario.name());
        out.setProperty("scenario.agents", Integer.toString(scenario.agents()));
        out.setProperty("scenario.inside-window", Boolean.toString(scenario.insideWindow()));
        out.setProperty("scenario.concurrent-limit", Integer.toString(scenario.concurrentLimit()));
        out.setProperty("scenario.window-concurrent-limit", Integer.toString(scenario.windowConcurrentLimit()));
        out.setProperty("scenario.rate-per-minute", Integer.toString(scenario.ratePerMinute()));
        out.setProperty("scenario.per-event-conflict-share", Double.toString(scenario.perEventConflictShare()));
        out.setProperty("scenario.latency-median-ms", Long.toString(scenario.latencyMedianMs()));
        out.setProperty("scenario.latency-sigma", Double.toString(scenario.latencySigma()));
        out.setProperty("scenario.random-5xx-share", Double.toString(scenario.random5xxShare()));
        out.setProperty("scenario.limit-drop-after",
                scenario.limitDropAfter() == null ? "" : scenario.limitDropAfter().toString());
        out.setProperty("scenario.time-cap", scenario.timeCap().toString());
        out.setProperty("scenario.seed", Long.toString(scenario.seed()));
        out.setProperty("scenario.both-kinds", Boolean.toString(scenario.bothKinds()));
        out.setProperty("target.api-url", target.apiUrl());
        out.setProperty("target.login-url", target.loginUrl());
        out.setProperty("target.client-id", target.clientId());
        out.setProperty("target.client-secret", target.clientSecret());
        out.setProperty("target.presence-source-id", target.presenceSourceId());
        out.setProperty("target.legacy-agents-url", target.legacyAgentsUrl());
        out.setProperty("target.agent-mapping-csv", target.agentMappingCsv().toAbsolutePath().toString());
        return out;
    }

    static Scenario scenarioOf(Properties in) {
        String drop = in.getProperty("scenario.limit-drop-after");
        return new Scenario(in.getProperty("scenario.name"), Integer.parseInt(in.getProperty("scenario.agents")),
                Boolean.parseBoolean(in.getProperty("scenario.inside-window")),
                Integer.parseInt(in.getProperty("scenario.concurrent-limit")),
                Integer.parseInt(in.getProperty("scenario.window-concurrent-limit")),
                Integer.parseInt(in.getProperty("scenario.rate-per-minute")),
                Double.parseDouble(in.getProperty("scenario.per-event-conflict-share")),
                Long.parseLong(in.getProperty("scenario.latency-median-ms")),
                Double.parseDouble(in.getProperty("scenario.latency-sigma")),
                Double.parseDouble(in.getProperty("scenario.random-5xx-share")),
                drop.isEmpty() ? null : Duration.parse(drop), Duration.parse(in.getProperty("scenario.time-cap")),
                Long.parseLong(in.getProperty("scenario.seed")),
                Boolean.parseBoolean(in.getProperty("scenario.both-kinds")));
    }

    /** Where to deliver, with no events yet: {@link Target#pull} reads them. */
    static Target targetOf(Properties in) {
        return new Target(in.getProperty("target.api-url"), in.getProperty("target.login-url"),
                in.getProperty("target.client-id"), in.getProperty("target.client-secret"),
                in.getProperty("target.presence-source-id"), in.getProperty("target.legacy-agents-url"),
                Path.of(in.getProperty("target.agent-mapping-csv")), List.of());
    }
}

package org.wfmagentsync.bench;

/** One way of getting a scenario's presence events into (simulated) Genesys Cloud, implemented faithfully. */
interface Strategy {

    /** Short name for the tables, e.g. "sleep(1000) per agent". */
    String name();

    /**
     * Gets ready outside the timed part: what a long-running client does once, not on every sync
     * (the connector starts Camel here). The default does nothing.
     */
    default void prepare(Scenario scenario, Target target) throws Exception {
    }

    /**
     * Whether the strategy reads the legacy feed itself (the connector does); otherwise it is read and
     * mapped for the strategy inside the timed part, with {@link Target#pull}, in the strategy's JVM
     * ({@link StrategyFork}, or the harness's with {@code -Dbench.fork=false}).
     */
    default boolean pullsItself() {
        return false;
    }

    /**
     * Whether the harness first runs the strategy once on a small scenario, unmeasured, so that the
     * JIT has compiled its code: a long-running client syncs every few minutes and is warm. The
     * default is yes; strategies that only sleep between calls gain nothing from it.
     */
    default boolean warmsUp() {
        return true;
    }

    /**
     * Whether the strategy is measured in this scenario; the default is every scenario of presence alone
     * (a strategy that sends routing statuses too says so).
     */
    default boolean runsIn(Scenario scenario) {
        return !scenario.bothKinds();
    }

    /** Releases what {@link #prepare} set up; called after the timed part, also on failure. */
    /**
     * The options its JVM of its own starts with, before any {@code -Dbench.fork-jvm} gives: the JVM's defaults
     * (none) unless the strategy ships with some, as the connector does ({@code config/jvm.options}).
     */
    default java.util.List<String> jvmOptions() {
        return java.util.List.of();
    }

    default void close() throws Exception {
    }

    /**
     * Delivers every event of the scenario and returns when done, or when {@link Scenario#timeCap()} is
     * reached (then {@link Outcome#capped()} is true and the harness projects the total).
     */
    Outcome run(Scenario scenario, Target target) throws Exception;

    /**
     * What the strategy itself counted. The harness takes requests, statuses, duplicates and
     * losses from the simulated Genesys Cloud, not from here.
     *
     * @param capped        stopped at the time cap before delivering everything
     * @param eventsHandled events the strategy finished with (delivered or given up) before it stopped
     * @param retries       requests it sent again after a failure
     * @param cpu           CPU time of the JVM the strategy ran in, when it ran in one of its own; else null
     * @param peakHeapBytes that JVM's peak heap during the run, when it ran in one of its own; else null
     * @param limitStart    where the connector's concurrency limit started the run (its run summary); null for
     *                      the other strategies
     */
    record Outcome(boolean capped, long eventsHandled, long retries, java.time.Duration cpu, Long peakHeapBytes,
            LimitStart limitStart) {

        /** What a strategy counts itself; whoever runs it measures the CPU and heap (its fork, or the harness). */
        Outcome(boolean capped, long eventsHandled, long retries) {
            this(capped, eventsHandled, retries, null, null, null);
        }
    }

    /** The connector's limit at a run's start, and where it came from ({@code configured}, {@code learned@T}). */
    record LimitStart(int level, String from) {
    }
}

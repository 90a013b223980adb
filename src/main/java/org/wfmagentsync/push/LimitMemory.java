package org.wfmagentsync.push;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.store.LearnedLimitStore;
import org.wfmagentsync.store.LearnedLimitStore.LearnedLimit;

/**
 * What earlier runs learned about the tenant's concurrency, kept in the state database so that a
 * run, after a restart or on another instance, starts from it instead of the configured level. The
 * learned level moves back toward the configured one by one request in flight per {@code step} since
 * the capacity conflict it was learned from; within the first step a run does not probe above it.
 * Inside and outside the publishing window are remembered apart. A memory that cannot be read, or
 * holds a value that makes no sense, gives the configured level.
 */
public final class LimitMemory {

    /** No memory: every run starts from the configured level. */
    public static final LimitMemory NONE = new LimitMemory(null, "", Duration.ZERO);

    /**
     * Where a run's limit starts: {@code level}, of which {@code knownGood} is known to work; whether
     * the run may probe above it; {@code learned} what it came from (empty: the configured level).
     */
    public record Start(int level, int knownGood, boolean probe, Optional<LearnedLimit> learned) {

        static Start configured(int level) {
            return new Start(level, level, true, Optional.empty());
        }

        /** For the run summary: {@code configured}, or {@code learned@T}. */
        public String from() {
            return learned.map(at -> "learned@" + at.learnedAt().truncatedTo(ChronoUnit.SECONDS)).orElse("configured");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LimitMemory.class);

    private final LearnedLimitStore store;
    private final String tenant;
    private final Duration step;

    /** @param step how long the learned level takes to move one step back toward the configured one; zero: no memory */
    public LimitMemory(LearnedLimitStore store, String tenant, Duration step) {
        this.store = store;
        this.tenant = tenant;
        this.step = step;
    }

    /** Where a run starts at {@code now}, given the configured level for its scope. */
    public Start start(boolean inWindow, int configured, Instant now) {
        if (!enabled()) {
            return Start.configured(configured);
        }
        Optional<LearnedLimit> learned;
        try {
            learned = store.find(tenant, scope(inWindow));
        } catch (RuntimeException e) {
            LOG.warn("the learned concurrency limit cannot be read ({}): the run starts from the configured {}",
                    e.getMessage(), configured);
            return Start.configured(configured);
        }
        return learned.map(value -> startFrom(value, configured, now, step)).orElse(Start.configured(configured));
    }

    /** The arithmetic of {@link #start}: the learned level plus one per whole step since it was learned, up to the configured. */
    static Start startFrom(LearnedLimit learned, int configured, Instant now, Duration step) {
        if (learned.concurrency() < 1 || learned.learnedAt() == null) {
            LOG.warn("the learned concurrency limit {} makes no sense: the run starts from the configured {}", learned,
                    configured);
            return Start.configured(configured);
        }
        // A time ahead of this clock (another instance's) counts as just learned.
        long elapsed = Math.max(0, Duration.between(learned.learnedAt(), now).toMillis());
        long steps = elapsed / Math.max(1, step.toMillis());
        long level = learned.concurrency() + steps;
        if (level >= configured) {
            return Start.configured(configured);
        }
        return new Start((int) level, learned.concurrency(), steps > 0, Optional.of(learned));
    }

    /**
     * A run that started from {@code start} ended: keeps what it learned. {@code refused} is the lowest
     * level a capacity conflict refused in the run (0: none, or one that later worked), the last
     * conflict came at {@code conflictAt}, and the limit went up to {@code highest}.
     */
    public void runEnded(boolean inWindow, Start start, int refused, int highest, Instant conflictAt) {
        toKeep(start, refused, highest, conflictAt).ifPresent(learned -> save(inWindow, learned));
    }

    /**
     * The rule of {@link #runEnded}: a refusal at {@code n} keeps {@code n - 1} at the conflict's time.
     * Without one, a run that started from a learned level and went above it without a capacity
     * conflict keeps the level it reached, at the time of the conflict it started from, so the level
     * keeps moving back toward the configured one. Otherwise nothing changes.
     */
    static Optional<LearnedLimit> toKeep(Start start, int refused, int highest, Instant conflictAt) {
        if (refused > 0 && conflictAt != null) {
            return Optional.of(new LearnedLimit(refused - 1, conflictAt));
        }
        return start.learned().filter(learned -> highest > learned.concurrency())
                .map(learned -> new LearnedLimit(highest, learned.learnedAt()));
    }

    private void save(boolean inWindow, LearnedLimit learned) {
        if (!enabled()) {
            return;
        }
        try {
            store.save(tenant, scope(inWindow), learned);
        } catch (RuntimeException e) {
            LOG.warn("the learned concurrency limit {} cannot be kept ({}): the next run does not know it",
                    learned.concurrency(), e.getMessage());
        }
    }

    private boolean enabled() {
        return store != null && !step.isZero();
    }

    private static String scope(boolean inWindow) {
        return inWindow ? "window" : "normal";
    }
}

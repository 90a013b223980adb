package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.store.LearnedLimitStore.LearnedLimit;

/** Where a run's limit starts from what was learned: one step back toward the configured level per interval. */
class LimitMemoryTest {

    private static final Instant LEARNED_AT = Instant.parse("2026-03-03T15:04:05.678Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static LimitMemory.Start startAfter(int learned, Duration elapsed) {
        return LimitMemory.startFrom(new LearnedLimit(learned, LEARNED_AT), 10, LEARNED_AT.plus(elapsed), HOUR);
    }

    @Test
    void within_the_first_step_the_run_starts_at_the_learned_level_and_does_not_probe() {
        LimitMemory.Start start = startAfter(3, Duration.ofMinutes(59));
        assertEquals(3, start.level());
        assertEquals(3, start.knownGood());
        assertFalse(start.probe());
        assertEquals("learned@2026-03-03T15:04:05Z", start.from());
    }

    @Test
    void each_whole_step_since_the_conflict_moves_the_start_one_up_and_allows_probing() {
        LimitMemory.Start start = startAfter(3, Duration.ofMinutes(150));
        assertEquals(5, start.level(), "two whole hours: 3 + 2");
        assertEquals(3, start.knownGood());
        assertTrue(start.probe());
    }

    @Test
    void once_the_steps_reach_the_configured_level_the_run_starts_from_it() {
        LimitMemory.Start start = startAfter(3, Duration.ofHours(7));
        assertEquals(10, start.level());
        assertEquals("configured", start.from());
        assertEquals("configured", startAfter(3, Duration.ofDays(365 * 100)).from(), "no overflow after a long time");
    }

    @Test
    void a_learned_level_at_or_above_the_configured_one_changes_nothing() {
        assertEquals(10, startAfter(12, Duration.ZERO).level());
        assertEquals("configured", startAfter(10, Duration.ZERO).from());
    }

    @Test
    void a_nonsense_learned_level_falls_back_to_the_configured_one() {
        assertEquals(LimitMemory.Start.configured(10), startAfter(0, Duration.ZERO));
        assertEquals(LimitMemory.Start.configured(10), startAfter(-4, Duration.ZERO));
        assertEquals(LimitMemory.Start.configured(10),
                LimitMemory.startFrom(new LearnedLimit(3, null), 10, LEARNED_AT, HOUR));
    }

    @Test
    void a_time_ahead_of_this_clock_counts_as_just_learned() {
        LimitMemory.Start start = LimitMemory.startFrom(new LearnedLimit(3, LEARNED_AT), 10,
                LEARNED_AT.minus(Duration.ofMinutes(5)), HOUR);
        assertEquals(3, start.level());
        assertFalse(start.probe());
    }

    @Test
    void without_memory_every_run_starts_from_the_configured_level() {
        assertEquals(LimitMemory.Start.configured(7), LimitMemory.NONE.start(false, 7, LEARNED_AT));
    }

    @Test
    void a_run_that_was_refused_at_a_level_keeps_the_level_below_it_at_the_time_of_its_last_conflict() {
        Instant conflict = LEARNED_AT.plus(Duration.ofHours(5));
        assertEquals(Optional.of(new LearnedLimit(3, conflict)),
                LimitMemory.toKeep(LimitMemory.Start.configured(10), 4, 10, conflict));
        assertEquals(Optional.of(new LearnedLimit(3, conflict)), LimitMemory.toKeep(startAfter(3, Duration.ZERO), 4, 3,
                conflict), "a run that started from what was learned and was refused again renews it");
    }

    @Test
    void a_run_without_a_refusal_above_its_learned_start_keeps_the_level_it_reached_at_the_old_time() {
        LimitMemory.Start start = startAfter(3, Duration.ofMinutes(150)); // starts at 5
        assertEquals(Optional.of(new LearnedLimit(6, LEARNED_AT)), LimitMemory.toKeep(start, 0, 6, null),
                "6 worked; the time stays the conflict's, so the level keeps moving back");
        assertEquals(Optional.of(new LearnedLimit(5, LEARNED_AT)), LimitMemory.toKeep(start, 0, 5, null));
    }

    @Test
    void a_run_that_learned_nothing_new_keeps_nothing() {
        assertEquals(Optional.empty(), LimitMemory.toKeep(LimitMemory.Start.configured(10), 0, 10, null),
                "from the configured level, nothing refused");
        assertEquals(Optional.empty(), LimitMemory.toKeep(startAfter(3, Duration.ZERO), 0, 3, null),
                "stayed at what was learned");
        assertEquals(Optional.empty(), LimitMemory.toKeep(LimitMemory.Start.configured(10), 0, 10, LEARNED_AT),
                "a conflict whose level later worked in the run teaches nothing");
    }
}

package org.wfmagentsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The schedule's period as the "no successful run" alert reads it. */
class CronIntervalTest {

    private static final Instant FROM = Instant.parse("2026-12-01T20:00:00Z");
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @Test
    void a_regular_cron_is_its_period() {
        assertEquals(Duration.ofMinutes(5), CronInterval.longestGap("0 0/5 * * * ?", FROM, UTC));
        assertEquals(Duration.ofSeconds(2), CronInterval.longestGap("0/2 * * * * ?", FROM, UTC));
    }

    @Test
    void an_irregular_cron_is_its_longest_pause() {
        // every 10 minutes from 08:00 to 17:50: the night, 08:00 after 17:50, is the longest gap
        assertEquals(Duration.ofHours(14).plusMinutes(10), CronInterval.longestGap("0 0/10 8-17 * * ?", FROM, UTC));
    }

    @Test
    void a_cron_that_fires_once_more_has_no_period_and_a_bad_one_is_refused() {
        assertEquals(Duration.ZERO, CronInterval.longestGap("0 0 12 1 1 ? 2027", FROM, UTC));
        assertThrows(IllegalArgumentException.class, () -> CronInterval.longestGap("every minute", FROM, UTC));
    }
}

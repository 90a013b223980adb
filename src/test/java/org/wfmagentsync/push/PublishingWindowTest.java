package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The publishing-window profile: Tuesday 09:00-10:00 America/Chicago by default. */
class PublishingWindowTest {

    private final PublishingWindow tuesday = PublishingWindow.parse("schedule", "TUESDAY", "09:00", "10:00",
            "America/Chicago");

    @Test
    void tuesday_nine_to_ten_in_chicago_is_inside_in_summer_and_winter() {
        assertTrue(tuesday.contains(Instant.parse("2026-07-07T14:30:00Z")), "09:30 CDT (UTC-5)");
        assertTrue(tuesday.contains(Instant.parse("2026-12-01T15:00:00Z")), "09:00 CST (UTC-6), start included");
        assertFalse(tuesday.contains(Instant.parse("2026-12-01T16:00:00Z")), "10:00 CST, end excluded");
        assertFalse(tuesday.contains(Instant.parse("2026-12-01T14:59:59Z")), "08:59:59 CST");
        assertFalse(tuesday.contains(Instant.parse("2026-12-02T15:30:00Z")), "a Wednesday");
    }

    @Test
    void on_and_off_override_the_schedule() {
        Instant wednesday = Instant.parse("2026-11-25T12:00:00Z");
        assertTrue(PublishingWindow.parse("on", "", "09:00", "10:00", "UTC").contains(wednesday));
        assertFalse(PublishingWindow.parse("OFF", "TUESDAY", "09:00", "10:00", "UTC")
                .contains(Instant.parse("2026-12-01T09:30:00Z")));
    }

    @Test
    void bad_settings_name_the_key_and_what_it_takes() {
        assertEquals("wfm.window.days must list days of the week such as TUESDAY, got 'TUESDAI'",
                assertThrows(IllegalArgumentException.class,
                        () -> PublishingWindow.parse("schedule", "TUESDAI", "09:00", "10:00", "UTC")).getMessage());
        assertEquals("wfm.window.zone must be a time zone such as America/Chicago, got 'Chicago'",
                assertThrows(IllegalArgumentException.class,
                        () -> PublishingWindow.parse("schedule", "TUESDAY", "09:00", "10:00", "Chicago")).getMessage());
        assertEquals("wfm.window.start must be a time of day such as 09:00, got '9am'",
                assertThrows(IllegalArgumentException.class,
                        () -> PublishingWindow.parse("schedule", "TUESDAY", "9am", "10:00", "UTC")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PublishingWindow.parse("schedule", "TUESDAY", "10:00", "09:00", "UTC")).getMessage()
                .contains("must end after it starts"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PublishingWindow.parse("sometimes", "TUESDAY", "09:00", "10:00", "UTC")).getMessage()
                .startsWith("wfm.window.mode must be schedule, on or off"));
    }
}

package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);

    @Test
    void delay_seconds_are_read_as_seconds() {
        assertEquals(Duration.ofSeconds(42), RetryAfter.parse("42", clock));
        assertEquals(Duration.ofSeconds(3), RetryAfter.parse(" 3 ", clock));
    }

    @Test
    void an_http_date_is_read_as_the_time_left_until_it() {
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Tue, 24 Nov 2026 15:01:30 GMT", clock));
        assertEquals(Duration.ZERO, RetryAfter.parse("Tue, 24 Nov 2026 14:00:00 GMT", clock), "a past date means now");
    }

    @Test
    void an_absent_or_unreadable_header_gives_no_floor() {
        assertNull(RetryAfter.parse(null, clock));
        assertNull(RetryAfter.parse("", clock));
        assertNull(RetryAfter.parse("soon", clock));
        assertNull(RetryAfter.parse("-5", clock));
        assertNull(RetryAfter.parse("99999999999999999999999", clock));
    }
}

package org.wfmagentsync.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A time from the feed or an event reads exactly as OffsetDateTime.parse reads it, and a bad one fails as it fails. */
class TimestampsTest {

    @Test
    void every_form_an_event_carries_reads_as_offset_date_time_parse_reads_it() {
        Random random = new Random(15);
        int[] offsets = {0, 3600, -5 * 3600 - 1800, 14 * 3600, -18 * 3600};
        for (int i = 0; i < 20_000; i++) {
            int[] nanos = {0, 0, random.nextInt(1000) * 1_000_000, random.nextInt(1_000_000) * 1000,
                    random.nextInt(1_000_000_000)};
            OffsetDateTime time = OffsetDateTime.of(1970 + random.nextInt(100), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), i % 3 == 0 ? 0 : random.nextInt(60),
                    nanos[random.nextInt(nanos.length)], ZoneOffset.ofTotalSeconds(offsets[random.nextInt(offsets.length)]));
            String text = time.toString();
            assertEquals(OffsetDateTime.parse(text), Timestamps.parse(text), text);
        }
    }

    @Test
    void other_valid_iso_forms_read_as_offset_date_time_parse_reads_them() {
        for (String text : List.of("2026-11-24T09:00:00Z", "2026-11-24T09:00:00.5Z", "2026-11-24T09:00:00.250+01:00",
                "2026-11-24T09:00+00:00", "2026-11-24T09:00-00:00", "2026-11-24t09:00Z", "2026-11-24T09:00:00+05:30:15",
                "+12026-11-24T09:00Z", "2026-11-24T09:00:00.123456789-03:00", "2024-02-29T23:59:59.999Z", "2026-11-24T09:00:00.Z", "2026-11-24T09:00z")) {
            assertEquals(OffsetDateTime.parse(text), Timestamps.parse(text), text);
        }
    }

    @Test
    void a_bad_time_fails_with_the_error_of_offset_date_time_parse() {
        for (String text : List.of("", "2026-11-24", "2026-11-24T09:00", "2026-02-30T09:00Z", "2026-11-24T24:00Z",
                "2026-11-24T09:60Z", "2026-11-24T09:00:00.1234567890Z",
                "2026-11-24T09:00+19:00", "2026-11-24T09:00+01:60", "2026-11-24T09:00:00ZZ", "2026-1a-24T09:00Z",
                "2026-11-24 09:00Z")) {
            DateTimeParseException expected = assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(text),
                    text);
            DateTimeParseException actual = assertThrows(DateTimeParseException.class, () -> Timestamps.parse(text), text);
            assertEquals(expected.getMessage(), actual.getMessage());
        }
    }
}

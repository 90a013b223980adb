package org.wfmagentsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wfmagentsync.config.ConfigTypes.blankMeans;
import static org.wfmagentsync.config.ConfigTypes.bool;
import static org.wfmagentsync.config.ConfigTypes.cron;
import static org.wfmagentsync.config.ConfigTypes.daysOfWeek;
import static org.wfmagentsync.config.ConfigTypes.decimal;
import static org.wfmagentsync.config.ConfigTypes.httpStatuses;
import static org.wfmagentsync.config.ConfigTypes.millis;
import static org.wfmagentsync.config.ConfigTypes.oneOf;
import static org.wfmagentsync.config.ConfigTypes.text;
import static org.wfmagentsync.config.ConfigTypes.textList;
import static org.wfmagentsync.config.ConfigTypes.timeOfDay;
import static org.wfmagentsync.config.ConfigTypes.wholeNumber;
import static org.wfmagentsync.config.ConfigTypes.zone;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each type takes its good values and refuses each kind of bad one in one line naming key, value and what is accepted. */
class ConfigTypesTest {

    private final ConfigGroup group = new ConfigDef().group("test");

    @Test
    void text_is_taken_as_given_without_surrounding_blanks() {
        ConfigKey<String> key = key("t.text", text());
        assertEquals("jdbc:h2:mem:x", key.parse("  jdbc:h2:mem:x "));
        assertEquals("", key.parse(""));
    }

    @Test
    void a_whole_number_in_range_is_taken() {
        ConfigKey<Integer> key = key("wfm.push.batch-size", wholeNumber(1, 100));
        assertEquals(1, key.parse("1"));
        assertEquals(100, key.parse(" 100 "));
    }

    @Test
    void a_whole_number_out_of_range_is_refused_with_its_bounds() {
        ConfigKey<Integer> key = key("wfm.push.batch-size", wholeNumber(1, 100));
        assertRefused("wfm.push.batch-size must be between 1 and 100, got 250", key, "250");
        assertRefused("wfm.push.batch-size must be between 1 and 100, got 0", key, "0");
        assertRefused("wfm.push.batch-size must be between 1 and 100, got 99999999999", key, "99999999999");
    }

    @Test
    void a_text_that_is_not_a_whole_number_is_refused_in_quotes() {
        ConfigKey<Integer> key = key("wfm.push.batch-size", wholeNumber(1, 100));
        assertRefused("wfm.push.batch-size must be a whole number, got '25x'", key, "25x");
        assertRefused("wfm.push.batch-size must be a whole number, got '1.5'", key, "1.5");
        assertRefused("wfm.push.batch-size must be a whole number, got ''", key, "");
    }

    @Test
    void a_whole_number_without_upper_bound_names_only_its_lower_one() {
        ConfigKey<Integer> key = key("wfm.deadletter.degraded-threshold", wholeNumber(0, Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, key.parse("2147483647"));
        assertRefused("wfm.deadletter.degraded-threshold must be at least 0, got -1", key, "-1");
        assertRefused("wfm.deadletter.degraded-threshold must be between 0 and 2147483647, got 2147483648", key,
                "2147483648");
        assertEquals("whole number at least 0", key.type().accepted());
    }

    @Test
    void milliseconds_become_a_duration() {
        ConfigKey<Duration> key = key("wfm.replay.wait-ms", millis());
        assertEquals(Duration.ofMillis(30_000), key.parse("30000"));
        assertEquals(Duration.ZERO, key.parse("0"));
    }

    @Test
    void milliseconds_refuse_a_unit_or_a_negative_number() {
        ConfigKey<Duration> key = key("wfm.replay.wait-ms", millis());
        assertRefused("wfm.replay.wait-ms must be a whole number, got '30s'", key, "30s");
        assertRefused("wfm.replay.wait-ms must be at least 0, got -5", key, "-5");
        assertEquals("milliseconds, at least 0", key.type().accepted());
    }

    @Test
    void a_decimal_strictly_inside_an_open_range_is_taken() {
        ConfigKey<Double> key = key("wfm.push.backoff-ratio", decimal(Range.open(0, 1)));
        assertEquals(0.3, key.parse("0.3"));
        assertEquals(0.5, key.parse(".5"));
        assertEquals(0.05, key.parse("5e-2"));
    }

    @Test
    void a_decimal_on_an_open_bound_or_outside_is_refused_as_given() {
        ConfigKey<Double> key = key("wfm.push.backoff-ratio", decimal(Range.open(0, 1)));
        assertRefused("wfm.push.backoff-ratio must be between 0 and 1 (exclusive), got 1", key, "1");
        assertRefused("wfm.push.backoff-ratio must be between 0 and 1 (exclusive), got 0", key, "0");
        assertRefused("wfm.push.backoff-ratio must be between 0 and 1 (exclusive), got -0.5", key, "-0.5");
    }

    @Test
    void a_text_that_is_not_a_finite_number_is_refused_in_quotes() {
        ConfigKey<Double> key = key("wfm.push.backoff-ratio", decimal(Range.open(0, 1)));
        assertRefused("wfm.push.backoff-ratio must be a number, got 'half'", key, "half");
        assertRefused("wfm.push.backoff-ratio must be a number, got 'NaN'", key, "NaN");
        assertRefused("wfm.push.backoff-ratio must be a number, got '0,3'", key, "0,3");
        assertRefused("wfm.retry.backoff-multiplier must be a number, got '1e400'",
                key("wfm.retry.backoff-multiplier", decimal(Range.atLeast(1))), "1e400");
    }

    @Test
    void a_closed_or_half_bounded_range_words_its_bounds() {
        ConfigKey<Double> atLeast = key("wfm.retry.backoff-multiplier", decimal(Range.atLeast(1)));
        assertEquals(1.0, atLeast.parse("1"));
        assertRefused("wfm.retry.backoff-multiplier must be at least 1, got 0.5", atLeast, "0.5");
        ConfigKey<Double> closed = key("t.share", decimal(Range.closed(0, 1)));
        assertEquals(1.0, closed.parse("1.0"));
        assertRefused("t.share must be between 0 and 1, got 1.01", closed, "1.01");
        ConfigKey<Double> positive = key("t.positive", decimal(Range.greaterThan(0)));
        assertRefused("t.positive must be more than 0, got 0", positive, "0");
        assertEquals("more than 0 and at most 1", new Range(BigDecimal.ZERO, false, BigDecimal.ONE, true).toString());
    }

    @Test
    void a_boolean_is_true_or_false_in_any_case() {
        ConfigKey<Boolean> key = key("wfm.deadletter.redrive", bool());
        assertTrue(key.parse("true"));
        assertTrue(key.parse("TRUE"));
        assertFalse(key.parse(" false "));
    }

    @Test
    void a_boolean_refuses_anything_else_instead_of_reading_it_as_false() {
        ConfigKey<Boolean> key = key("wfm.deadletter.redrive", bool());
        assertRefused("wfm.deadletter.redrive must be true or false, got 'yes'", key, "yes");
        assertRefused("wfm.deadletter.redrive must be true or false, got ''", key, "");
    }

    @Test
    void a_list_of_texts_is_trimmed_deduplicated_and_kept_in_order() {
        ConfigKey<Set<String>> key = key("wfm.retry.conflict-codes", textList());
        assertEquals(List.of("SCHEDULE_CONFLICT", "*"), List.copyOf(key.parse(" SCHEDULE_CONFLICT, ,*,SCHEDULE_CONFLICT")));
        assertEquals(Set.of(), key.parse(""));
    }

    @Test
    void http_statuses_are_read_as_numbers() {
        ConfigKey<Set<Integer>> key = key("wfm.retry.statuses", httpStatuses());
        assertEquals(List.of(429, 502, 503, 504), List.copyOf(key.parse("429, 502,503 ,504")));
        assertEquals(Set.of(), key.parse(""));
    }

    @Test
    void http_statuses_refuse_a_text_or_a_number_that_is_no_status() {
        ConfigKey<Set<Integer>> key = key("wfm.retry.statuses", httpStatuses());
        assertRefused("wfm.retry.statuses must list HTTP status codes, e.g. 429,502,503,504, got '429,5o3'", key,
                "429,5o3");
        assertRefused("wfm.retry.statuses must list HTTP status codes, e.g. 429,502,503,504, got '429,42'", key,
                "429,42");
        assertRefused("wfm.retry.statuses must list HTTP status codes, e.g. 429,502,503,504, got '600'", key, "600");
        assertRefused("wfm.retry.statuses must list HTTP status codes, e.g. 429,502,503,504, got '429;503'", key,
                "429;503");
    }

    @Test
    void one_of_takes_any_case_and_answers_the_defined_spelling() {
        ConfigKey<String> key = key("wfm.window.mode", oneOf("schedule", "on", "off"));
        assertEquals("on", key.parse("ON"));
        assertEquals("schedule", key.parse(" Schedule "));
    }

    @Test
    void one_of_refuses_another_value_listing_the_choices() {
        assertRefused("wfm.window.mode must be schedule, on or off, got 'always'",
                key("wfm.window.mode", oneOf("schedule", "on", "off")), "always");
        assertRefused("t.two must be a or b, got ''", key("t.two", oneOf("a", "b")), "");
    }

    @Test
    void blank_means_stands_an_empty_value_for_the_named_one() {
        ConfigKey<String> key = key("wfm.mode", blankMeans("auto", oneOf("auto", "sandbox", "genesys")));
        assertEquals("auto", key.parse(""));
        assertEquals("genesys", key.parse("Genesys"));
        assertRefused("wfm.mode must be auto, sandbox or genesys, got 'cloud'", key, "cloud");
        assertEquals("auto, sandbox or genesys (empty: auto)", key.type().accepted());
    }

    @Test
    void a_quartz_cron_expression_is_taken_as_written() {
        ConfigKey<String> key = key("wfm.schedule.cron", cron());
        assertEquals("0 0/5 * * * ?", key.parse(" 0 0/5 * * * ? "));
        assertEquals("0 0 12 ? * MON-FRI", key.parse("0 0 12 ? * MON-FRI"));
    }

    @Test
    void a_cron_expression_quartz_refuses_is_reported_with_quartz_reason() {
        ConfigKey<String> key = key("wfm.schedule.cron", cron());
        String prefix = "wfm.schedule.cron must be a Quartz cron expression (seconds first, e.g. 0 0/5 * * * ?), got ";
        // five fields, as in a Unix crontab: Quartz wants seconds first
        assertTrue(refused(key, "*/5 * * * *").startsWith(prefix + "'*/5 * * * *' ("), refused(key, "*/5 * * * *"));
        // both a day of month and a day of week: Quartz needs one of them to be ?
        assertTrue(refused(key, "0 0 12 * * MON").startsWith(prefix + "'0 0 12 * * MON' ("));
        assertTrue(refused(key, "every 5 minutes").startsWith(prefix + "'every 5 minutes' ("));
    }

    @Test
    void a_time_of_day_is_hours_and_minutes() {
        ConfigKey<LocalTime> key = key("wfm.window.start", timeOfDay());
        assertEquals(LocalTime.of(9, 0), key.parse("09:00"));
        assertEquals(LocalTime.of(23, 59, 30), key.parse("23:59:30"));
        assertRefused("wfm.window.start must be a time of day such as 09:00, got '9am'", key, "9am");
        assertRefused("wfm.window.start must be a time of day such as 09:00, got '24:00'", key, "24:00");
        assertRefused("wfm.window.start must be a time of day such as 09:00, got '9:00'", key, "9:00");
    }

    @Test
    void a_zone_is_a_region_id_or_an_offset() {
        ConfigKey<ZoneId> key = key("wfm.window.zone", zone());
        assertEquals(ZoneId.of("America/Chicago"), key.parse("America/Chicago"));
        assertEquals(ZoneId.of("+01:00"), key.parse("+01:00"));
        assertRefused("wfm.window.zone must be a time zone such as America/Chicago, got 'Chicago'", key, "Chicago");
        assertRefused("wfm.window.zone must be a time zone such as America/Chicago, got ''", key, "");
    }

    @Test
    void days_of_the_week_are_read_in_any_case_and_may_be_none() {
        ConfigKey<Set<DayOfWeek>> key = key("wfm.window.days", daysOfWeek());
        assertEquals(Set.of(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY), key.parse("tuesday, FRIDAY"));
        assertEquals(Set.of(), key.parse(""));
        assertRefused("wfm.window.days must list days of the week such as TUESDAY, got 'TUESDAI'", key, "TUESDAI");
        assertRefused("wfm.window.days must list days of the week such as TUESDAY, got 'TUE'", key, "TUE");
    }

    @Test
    void a_refused_secret_is_named_but_its_value_never_shown() {
        ConfigKey<Integer> secret = new ConfigKey<>("t.secret-pin", wholeNumber(1000, 9999), null, "A PIN.", group, true);
        assertRefused("t.secret-pin must be between 1000 and 9999, got a value that is not shown (secret)", secret,
                "12345");
        assertRefused("t.secret-pin must be a whole number, got a value that is not shown (secret)", secret, "hunter2");
        ConfigKey<String> cronSecret = new ConfigKey<>("t.secret-cron", cron(), null, "A cron.", group, true);
        // Quartz's reason may quote the value: it is left out too
        assertEquals("t.secret-cron must be a Quartz cron expression (seconds first, e.g. 0 0/5 * * * ?), got a value"
                + " that is not shown (secret)", refused(cronSecret, "hunter2 hunter2"));
    }

    private <T> ConfigKey<T> key(String name, ConfigType<T> type) {
        return group.defineWithoutDefault(name, type, "Test key.");
    }

    private static void assertRefused(String message, ConfigKey<?> key, String value) {
        assertEquals(message, refused(key, value));
    }

    private static String refused(ConfigKey<?> key, String value) {
        ConfigException error = assertThrows(ConfigException.class, () -> key.parse(value));
        assertEquals(key.name(), error.key());
        assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
        return error.getMessage();
    }
}

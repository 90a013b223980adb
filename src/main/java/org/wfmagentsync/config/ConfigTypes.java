package org.wfmagentsync.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.quartz.CronExpression;

/** The types a connector key can have; each refuses a bad value saying what it accepts. */
public final class ConfigTypes {

    private ConfigTypes() {
    }

    /** Any text, including none; {@code what} says what it is for the reference (a URL, a file path). */
    public static ConfigType<String> text(String what) {
        return new FreeText(what);
    }

    public static ConfigType<String> text() {
        return text("text");
    }

    /** A whole number from {@code min} to {@code max}; {@code max} {@link Integer#MAX_VALUE} means no upper bound. */
    public static ConfigType<Integer> wholeNumber(int min, int max) {
        return new WholeNumber(min, max);
    }

    /** Milliseconds, a whole number from {@code min} to {@code max}, as a duration. */
    public static ConfigType<Duration> millis(int min, int max) {
        WholeNumber number = new WholeNumber(min, max);
        return type("milliseconds, " + number.bounds(), text -> Duration.ofMillis(number.parse(text)));
    }

    /** Milliseconds, zero or more. */
    public static ConfigType<Duration> millis() {
        return millis(0, Integer.MAX_VALUE);
    }

    /** A decimal number within {@code range}; written plainly ({@code 0.3}, {@code 2}), exponents allowed. */
    public static ConfigType<Double> decimal(Range range) {
        return type("number " + range, text -> {
            BigDecimal number;
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new ConfigType.Rejected("must be a number");
            }
            if (Double.isInfinite(number.doubleValue())) {
                throw new ConfigType.Rejected("must be a number");
            }
            if (!range.contains(number)) {
                throw new ConfigType.Rejected("must be " + range, false, null);
            }
            return number.doubleValue();
        });
    }

    /** {@code true} or {@code false}, in any case; anything else is refused rather than taken as false. */
    public static ConfigType<Boolean> bool() {
        return type("true or false", text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
            }
            throw new ConfigType.Rejected("must be true or false");
        });
    }

    /** Comma-separated texts, trimmed, empty items dropped, in the order given. */
    public static ConfigType<Set<String>> textList() {
        return type("comma-separated list", ConfigTypes::items);
    }

    /** Comma-separated HTTP status codes (100 to 599). */
    public static ConfigType<Set<Integer>> httpStatuses() {
        return type("comma-separated HTTP status codes (100 to 599)", text -> {
            Set<Integer> statuses = new LinkedHashSet<>();
            for (String item : items(text)) {
                int status = item.matches("[0-9]{3}") ? Integer.parseInt(item) : 0;
                if (status < 100 || status > 599) {
                    throw new ConfigType.Rejected("must list HTTP status codes, e.g. 429,502,503,504");
                }
                statuses.add(status);
            }
            return Collections.unmodifiableSet(statuses);
        });
    }

    /** One of {@code values}, in any case; the value comes back spelt as defined here. */
    public static ConfigType<String> oneOf(String... values) {
        List<String> allowed = List.of(values);
        String choices = allowed.size() == 1 ? allowed.get(0)
                : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.get(allowed.size() - 1);
        return type(choices, text -> allowed.stream().filter(text::equalsIgnoreCase).findFirst()
                .orElseThrow(() -> new ConfigType.Rejected("must be " + choices)));
    }

    /** {@code type}, where an empty value stands for {@code value} (e.g. an unset {@code WFM_MODE} means auto). */
    public static <T> ConfigType<T> blankMeans(String value, ConfigType<T> type) {
        return type(type.accepted() + " (empty: " + value + ")", text -> type.parse(text.isEmpty() ? value : text));
    }

    /** A Quartz cron expression, seconds first, checked by Quartz itself. */
    public static ConfigType<String> cron() {
        return type("Quartz cron expression, seconds first", text -> {
            try {
                CronExpression.validateExpression(text);
                return text;
            } catch (ParseException e) {
                throw new ConfigType.Rejected("must be a Quartz cron expression (seconds first, e.g. 0 0/5 * * * ?)",
                        true, e.getMessage());
            }
        });
    }

    /** A local time of day, {@code HH:mm} or {@code HH:mm:ss}. */
    public static ConfigType<LocalTime> timeOfDay() {
        return type("time of day, HH:mm", text -> {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new ConfigType.Rejected("must be a time of day such as 09:00");
            }
        });
    }

    /** A time-zone id such as {@code America/Chicago} (or an offset such as {@code +01:00}). */
    public static ConfigType<ZoneId> zone() {
        return type("time zone, e.g. America/Chicago", text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new ConfigType.Rejected("must be a time zone such as America/Chicago");
            }
        });
    }

    /** Comma-separated days of the week, in English, in any case; none is allowed. */
    public static ConfigType<Set<DayOfWeek>> daysOfWeek() {
        return type("comma-separated days of the week (MONDAY to SUNDAY)", text -> {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String item : items(text)) {
                try {
                    days.add(DayOfWeek.valueOf(item.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigType.Rejected("must list days of the week such as TUESDAY");
                }
            }
            return Collections.unmodifiableSet(days);
        });
    }

    /** Whether {@code type} takes any text: nothing to check, so nothing to say about what it accepts. */
    static boolean isFreeText(ConfigType<?> type) {
        return type instanceof FreeText;
    }

    private static Set<String> items(String text) {
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).forEach(items::add);
        return Collections.unmodifiableSet(items);
    }

    private static <T> ConfigType<T> type(String accepted, Function<String, T> parse) {
        return new ConfigType<>() {
            @Override
            public T parse(String text) {
                return parse.apply(text);
            }

            @Override
            public String accepted() {
                return accepted;
            }

            @Override
            public String toString() {
                return accepted;
            }
        };
    }

    private record FreeText(String accepted) implements ConfigType<String> {

        @Override
        public String parse(String text) {
            return text;
        }
    }

    /** Whole numbers: a text that is not one and a number out of range are told apart. */
    private record WholeNumber(int min, int max) implements ConfigType<Integer> {

        @Override
        public Integer parse(String text) {
            BigInteger number;
            try {
                number = new BigInteger(text);
            } catch (NumberFormatException e) {
                throw new ConfigType.Rejected("must be a whole number");
            }
            if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
                boolean onlyMin = max == Integer.MAX_VALUE && number.compareTo(BigInteger.valueOf(min)) < 0;
                throw new ConfigType.Rejected(onlyMin ? "must be at least " + min
                        : "must be between " + min + " and " + max, false, null);
            }
            return number.intValue();
        }

        @Override
        public String accepted() {
            return "whole number " + bounds();
        }

        String bounds() {
            return max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        }
    }
}

package org.wfmagentsync.push;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The weekly WFM schedule-publishing window (default Tuesday 09:00-10:00 America/Chicago), in which
 * Genesys Cloud's session limit drops and capacity conflicts are expected, so a run starts from a
 * lower concurrency. {@code mode} {@code on} or {@code off} overrides the schedule (tests, benchmarks,
 * or a tenant whose window is unknown).
 */
public final class PublishingWindow {

    /** Whether the schedule decides, or the window is taken as always on or always off. */
    public enum Mode { SCHEDULE, ON, OFF }

    private final Mode mode;
    private final Set<DayOfWeek> days;
    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;

    public PublishingWindow(Mode mode, Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
        if (mode == Mode.SCHEDULE && !end.isAfter(start)) {
            throw new IllegalArgumentException("the publishing window must end after it starts, got " + start + "-" + end);
        }
        this.mode = mode;
        this.days = Set.copyOf(days);
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    /** Reads the {@code wfm.window.*} values; every error names the key and what it takes. */
    public static PublishingWindow parse(String mode, String days, String start, String end, String zone) {
        Mode parsedMode;
        try {
            parsedMode = Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wfm.window.mode must be schedule, on or off, got '" + mode + "'");
        }
        Set<DayOfWeek> parsedDays;
        try {
            parsedDays = java.util.Arrays.stream(days.split(",")).map(String::trim).filter(day -> !day.isEmpty())
                    .map(day -> DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wfm.window.days must list days of the week such as TUESDAY, got '" + days
                    + "'");
        }
        ZoneId parsedZone;
        try {
            parsedZone = ZoneId.of(zone.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("wfm.window.zone must be a time zone such as America/Chicago, got '" + zone
                    + "'");
        }
        return new PublishingWindow(parsedMode, parsedDays, time("wfm.window.start", start), time("wfm.window.end", end),
                parsedZone);
    }

    private static LocalTime time(String key, String value) {
        try {
            return LocalTime.parse(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a time of day such as 09:00, got '" + value + "'");
        }
    }

    /** Whether {@code instant} falls inside the window. */
    public boolean contains(Instant instant) {
        return switch (mode) {
            case ON -> true;
            case OFF -> false;
            case SCHEDULE -> {
                ZonedDateTime local = instant.atZone(zone);
                LocalTime time = local.toLocalTime();
                yield days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
            }
        };
    }

    @Override
    public String toString() {
        return switch (mode) {
            case ON -> "always on";
            case OFF -> "off";
            case SCHEDULE -> days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(",")) + " " + start
                    + "-" + end + " " + zone;
        };
    }
}

package org.wfmagentsync.sandbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/** A weekly time slot (day, start inclusive, end exclusive, zone) during which the WFM schedule publishes. */
public record WindowSchedule(DayOfWeek day, LocalTime start, LocalTime end, ZoneId zone) {

    public WindowSchedule {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (!start.isBefore(end)) {
            // A slot crossing midnight is not needed for the reported case and would complicate contains().
            throw new IllegalArgumentException("window start " + start + " must be before end " + end);
        }
    }

    /** True when the instant, seen in the schedule's zone, falls inside the slot. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return local.getDayOfWeek() == day && !time.isBefore(start) && time.isBefore(end);
    }
}

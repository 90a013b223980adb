package org.wfmagentsync.model;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the ISO-8601 times the feed and every event carry ({@code 2026-11-24T09:00:00.250Z},
 * {@code 2026-11-24T10:00+01:00}) as {@link OffsetDateTime#parse} does, with the same result and the
 * same errors. The plain form of {@link OffsetDateTime#toString}, which is what events hold, is read
 * digit by digit; anything else goes to {@code OffsetDateTime.parse}. The general formatter costs
 * several times as much, and every event's time is read a few times on its way.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** As {@link OffsetDateTime#parse(CharSequence)}: throws its {@code DateTimeParseException} for a bad time. */
    public static OffsetDateTime parse(String text) {
        OffsetDateTime plain = plain(text);
        return plain != null ? plain : OffsetDateTime.parse(text);
    }

    /** {@code uuuu-MM-ddTHH:mm[:ss[.fraction]]} then {@code Z} or {@code ±HH:MM}, or null for any other form. */
    private static OffsetDateTime plain(String text) {
        int length = text.length();
        if (length < 17 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int at = 16;
        int second = 0;
        int nano = 0;
        if (at < length && text.charAt(at) == ':') {
            second = digits(text, at + 1, 2);
            at += 3;
            if (at < length && text.charAt(at) == '.') {
                int start = ++at;
                while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                    nano = nano * 10 + text.charAt(at++) - '0';
                }
                if (at == start) {
                    return null;
                }
                for (int places = at - start; places < 9; places++) {
                    nano *= 10;
                }
            }
        }
        ZoneOffset offset = offset(text, at);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (DateTimeException e) {
            // out of range (a 30 February): OffsetDateTime.parse gives the message it always gave
            return null;
        }
    }

    private static ZoneOffset offset(String text, int at) {
        int rest = text.length() - at;
        if (rest == 1 && text.charAt(at) == 'Z') {
            return ZoneOffset.UTC;
        }
        char sign = rest == 6 ? text.charAt(at) : 0;
        if ((sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
            return null;
        }
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + 4, 2);
        if (hours < 0 || minutes < 0) {
            return null;
        }
        try {
            return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by {@code count} digits from {@code from}, or -1 when one is not a digit or missing. */
    private static int digits(String text, int from, int count) {
        if (from + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

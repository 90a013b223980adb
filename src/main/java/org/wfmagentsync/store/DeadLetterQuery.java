package org.wfmagentsync.store;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventKind;

/**
 * Filters and paging for dead letters, the same for the REST API and the command line. Every bad
 * value is refused with a message that names the parameter and what it accepts.
 */
public record DeadLetterQuery(DeadLetterReason reason, EventKind kind, String agentId, Integer httpStatus,
        DeadLetterStatus status,
        boolean anyStatus, OffsetDateTime since, OffsetDateTime until, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    /** Refused input: the message is meant for the person who typed it. */
    public static class BadFilter extends IllegalArgumentException {
        public BadFilter(String message) {
            super(message);
        }
    }

    /** Open entries, newest first: what an operator looks at first. */
    public static DeadLetterQuery openEntries() {
        return new DeadLetterQuery(null, null, null, null, DeadLetterStatus.OPEN, false, null, null, DEFAULT_LIMIT, 0);
    }

    /** Reads {@code reason, kind, agentId, httpStatus, status (or ALL), since, until, limit, offset}; absent means no filter. */
    public static DeadLetterQuery from(Function<String, String> parameter) {
        String statusText = text(parameter, "status");
        boolean any = "ALL".equalsIgnoreCase(statusText);
        DeadLetterStatus status = statusText == null ? DeadLetterStatus.OPEN
                : any ? null : oneOf(DeadLetterStatus.class, "status", statusText, "ALL");
        String reasonText = text(parameter, "reason");
        String kindText = text(parameter, "kind");
        return new DeadLetterQuery(reasonText == null ? null : oneOf(DeadLetterReason.class, "reason", reasonText, null),
                kindText == null ? null : oneOf(EventKind.class, "kind", kindText, null), text(parameter, "agentId"), number(parameter, "httpStatus", 100, 599, null), status, any,
                time(parameter, "since"), time(parameter, "until"),
                number(parameter, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT), number(parameter, "offset", 0, Integer.MAX_VALUE, 0));
    }

    /** True when no filter narrows the set (paging aside): replaying or discarding that needs {@code all}. */
    public boolean isUnfiltered() {
        return reason == null && kind == null && agentId == null && httpStatus == null && since == null && until == null;
    }

    public DeadLetterQuery withPage(int newLimit, int newOffset) {
        return new DeadLetterQuery(reason, kind, agentId, httpStatus, status, anyStatus, since, until, newLimit, newOffset);
    }

    /** The filters as they would be written back as parameters (for links and the CLI). */
    public Map<String, String> asParameters() {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (reason != null) {
            parameters.put("reason", reason.name());
        }
        if (kind != null) {
            parameters.put("kind", kind.name());
        }
        if (agentId != null) {
            parameters.put("agentId", agentId);
        }
        if (httpStatus != null) {
            parameters.put("httpStatus", httpStatus.toString());
        }
        parameters.put("status", anyStatus ? "ALL" : status.name());
        if (since != null) {
            parameters.put("since", since.toString());
        }
        if (until != null) {
            parameters.put("until", until.toString());
        }
        return parameters;
    }

    private static String text(Function<String, String> parameter, String name) {
        String value = parameter.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String name, String value, String extra) {
        try {
            return Enum.valueOf(type, value.toUpperCase());
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new BadFilter(name + " '" + value + "' is not one of " + allowed + (extra == null ? "" : ", " + extra));
        }
    }

    private static Integer number(Function<String, String> parameter, String name, int min, int max, Integer absent) {
        String value = text(parameter, name);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new BadFilter(name + " must be between " + min + " and " + max + ", got " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadFilter(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static OffsetDateTime time(Function<String, String> parameter, String name) {
        String value = text(parameter, name);
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadFilter(name + " must be an ISO-8601 date-time with offset, e.g. 2026-11-24T09:00:00-06:00; got '"
                    + value + "'");
        }
    }
}

package org.wfmagentsync.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The routing statuses an external platform may inject ({@code POST /api/v2/events/users/routingstatus}),
 * with the spelling that endpoint takes ({@code OffQueue}; adherence reads say {@code OFF_QUEUE}).
 */
public enum RoutingStatus {
    OFF_QUEUE("OffQueue"),
    IDLE("Idle"),
    INTERACTING("Interacting"),
    COMMUNICATING("Communicating"),
    NOT_RESPONDING("NotResponding");

    private final String wire;

    RoutingStatus(String wire) {
        this.wire = wire;
    }

    /** As the routing-status endpoint takes it, e.g. {@code OffQueue}. */
    public String wire() {
        return wire;
    }

    /**
     * The status a mapping file names: the endpoint's spelling, in any case, with or without
     * underscores ({@code OffQueue}, {@code OFF_QUEUE} and {@code offqueue} are one status).
     */
    public static Optional<RoutingStatus> parse(String text) {
        String wanted = squeezed(text);
        return Arrays.stream(values()).filter(status -> squeezed(status.wire).equals(wanted)).findFirst();
    }

    /** The five values as a message lists them. */
    public static String listed() {
        return Arrays.stream(values()).map(RoutingStatus::wire).collect(Collectors.joining(", "));
    }

    private static String squeezed(String text) {
        return text == null ? "" : text.replace("_", "").trim().toLowerCase(Locale.ROOT);
    }
}

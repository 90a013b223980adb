package org.wfmagentsync.directory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Genesys Cloud's system presences, as its presence definitions write them ({@code systemPresence}). */
public final class SystemPresences {

    /** Every system presence, spelt as {@code GET /api/v2/presence/definitions} writes it. */
    public static final List<String> ALL = List.of("Available", "Away", "Busy", "Offline", "Idle", "OnQueue", "Meal",
            "Training", "Meeting", "Break");

    private SystemPresences() {
    }

    /**
     * The system presence a name means, spelt as Genesys writes it: any case, with or without spaces,
     * underscores or dashes ({@code On Queue}, {@code ON_QUEUE} and {@code onqueue} are {@code OnQueue}).
     */
    public static Optional<String> of(String name) {
        String squeezed = name == null ? "" : name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        return ALL.stream().filter(presence -> presence.toLowerCase(Locale.ROOT).equals(squeezed)).findFirst();
    }
}

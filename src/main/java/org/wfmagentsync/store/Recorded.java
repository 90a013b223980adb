package org.wfmagentsync.store;

import java.time.OffsetDateTime;

/** How many rows a repository holds of something (a run, a time span), and the latest time among them (null when none). */
public record Recorded(long count, OffsetDateTime latest) {
}

package org.wfmagentsync.deadletter;

import java.util.List;

/** One page of dead letters and how many match in all. */
public record DeadLetterPage(long total, int limit, int offset, List<DeadLetter> items) {
}

package org.wfmagentsync.store;

import java.util.List;
import org.wfmagentsync.model.DeadLetter;

/** One page of dead letters and how many match in all. */
public record DeadLetterPage(long total, int limit, int offset, List<DeadLetter> items) {
}

package org.wfmagentsync.directory;

import java.time.Duration;
import java.util.Set;

/**
 * How the org's directory is kept ({@code wfm.directory.*}).
 *
 * @param refreshInterval    how often it is read again
 * @param minInterval        the least time between two reads other than the schedule's (after a failure, or
 *                           when Genesys Cloud answers an event with an unknown user)
 * @param runWait            the longest a run waits for a read under way before it maps with the last good one
 * @param unknownUserAnswers texts (any case) of a per-event error that mean the user is unknown
 */
public record DirectorySettings(Duration refreshInterval, Duration minInterval, Duration runWait,
        Set<String> unknownUserAnswers) {

    public DirectorySettings {
        unknownUserAnswers = Set.copyOf(unknownUserAnswers);
    }
}

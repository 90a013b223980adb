package org.wfmagentsync.store;

/**
 * What saving a dead letter did: the entry's id, and whether the entry is new to the run that saved
 * it. It is when no entry of the event was open before: a new entry, or one a replay had claimed and
 * that failed again. It is not when an open entry was updated (an unmapped agent that every run
 * re-reads keeps its one entry).
 */
public record Saved(long id, boolean newToRun) {
}

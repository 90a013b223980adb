package org.wfmagentsync.model;

/**
 * Dead letters of one reason and one kind of event, as the open depth is counted;
 * {@code kind} is null for updates that never became an event (see {@link DeadLetter#kind()}).
 */
public record DeadLetterGroup(DeadLetterReason reason, EventKind kind) {
}

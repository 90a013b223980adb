package org.wfmagentsync.sandbox;

import java.util.List;

/** States of an agent in the simulated legacy contact-center system. */
public enum AgentState {
    READY,
    NOT_READY,
    ON_CALL,
    AFTER_CALL_WORK,
    LOGGED_OUT;

    /** Reasons the legacy system gives with NOT_READY (and only with it). */
    public static final List<String> NOT_READY_REASONS = List.of("BREAK", "LUNCH", "TRAINING", "MEETING");
}

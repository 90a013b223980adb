package org.wfmagentsync.sandbox;

/** Whether the simulated WFM schedule-publishing window is forced on, forced off, or follows its weekly schedule. */
public enum WindowMode {
    /** Active only inside the weekly schedule (by the simulator's clock). */
    SCHEDULE,
    /** Always active. */
    ON,
    /** Never active. */
    OFF
}

package org.wfmagentsync.model;

/** The push limits' part of a run: set up afresh when a run starts, reported in its summary when it ends. */
public interface RunLimits {

    /** No limits to report (a connector without a push). */
    RunLimits NONE = new RunLimits() {
        @Override
        public void runStarted() {
        }

        @Override
        public PushLimits runFinished() {
            return PushLimits.NONE;
        }
    };

    void runStarted();

    /** What the run did with the limits. */
    PushLimits runFinished();
}

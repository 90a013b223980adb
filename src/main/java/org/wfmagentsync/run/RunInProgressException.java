package org.wfmagentsync.run;

/** A trigger fired while the previous run was still going; runs never overlap. */
public class RunInProgressException extends IllegalStateException {
    public RunInProgressException(String message) {
        super(message);
    }
}

package org.wfmagentsync.api;

/** A request the API refuses, with the HTTP status and a message for the person who sent it. */
public class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

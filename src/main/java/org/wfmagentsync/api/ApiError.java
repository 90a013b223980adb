package org.wfmagentsync.api;

/** A request the API refuses, with the HTTP status and a message for the person who sent it. */
public class ApiError extends RuntimeException {

    private final int status;
    private final String challenge;

    public ApiError(int status, String message) {
        this(status, message, null);
    }

    private ApiError(int status, String message, String challenge) {
        super(message);
        this.status = status;
        this.challenge = challenge;
    }

    /** A 401 with its {@code WWW-Authenticate} challenge (RFC 6750), which tells a missing token from a wrong one. */
    public static ApiError unauthorized(String message, String challenge) {
        return new ApiError(401, message, challenge);
    }

    public int status() {
        return status;
    }

    /** The {@code WWW-Authenticate} value of a 401, else null. */
    public String challenge() {
        return challenge;
    }
}

package org.wfmagentsync.push;

import java.time.Duration;
import org.wfmagentsync.support.Credentials;

/**
 * Genesys Cloud answered a push with something other than success. Carries the status, the
 * error code from the {@code ErrorBody}, the server's {@code Retry-After} and the body, never a token
 * (a credential the answer echoes is masked by {@link Credentials}).
 */
public class PushFailure extends RuntimeException {

    private final int status;
    private final String code;
    private final Duration retryAfter;
    private final String responseBody;

    public PushFailure(int status, String code, String message, Duration retryAfter, String responseBody) {
        super(Credentials.mask("Genesys Cloud answered HTTP " + status + (code == null ? "" : " " + code)
                + (message == null ? "" : ": " + message)));
        this.status = status;
        this.code = Credentials.mask(code);
        this.retryAfter = retryAfter;
        this.responseBody = Credentials.mask(responseBody);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The server's minimum wait before the next attempt, or null when it gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public String responseBody() {
        return responseBody;
    }
}

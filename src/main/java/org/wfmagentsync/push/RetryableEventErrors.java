package org.wfmagentsync.push;

/** Genesys Cloud accepted the request but marked some events as retryable failures (for example schedule conflicts). */
public class RetryableEventErrors extends RuntimeException {

    private final int count;
    private final String responseBody;

    public RetryableEventErrors(int count, String firstMessage, String responseBody) {
        super(count + " event(s) came back retryable; first: " + firstMessage);
        this.count = count;
        this.responseBody = responseBody;
    }

    public int count() {
        return count;
    }

    public String responseBody() {
        return responseBody;
    }
}

package org.wfmagentsync.push;

import java.util.Map;

/** Genesys Cloud accepted the request but marked some events as retryable failures (for example schedule conflicts). */
public class RetryableEventErrors extends RuntimeException {

    private final Map<String, String> messageByEvent;
    private final String responseBody;

    public RetryableEventErrors(Map<String, String> messageByEvent, String responseBody) {
        super(messageByEvent.size() + " event(s) came back retryable; first: "
                + messageByEvent.values().stream().findFirst().orElse(""));
        this.messageByEvent = Map.copyOf(messageByEvent);
        this.responseBody = responseBody;
    }

    /** What Genesys Cloud said about this event, or null if it said nothing. */
    public String messageFor(String eventId) {
        return messageByEvent.get(eventId);
    }

    public String responseBody() {
        return responseBody;
    }
}

package org.wfmagentsync.sandbox;

import java.util.Map;
import java.util.Objects;

/**
 * An answer the Genesys simulator gives instead of processing a presence request; see
 * {@link GenesysSimulator#failNextRequests(int, ForcedResponse)}.
 *
 * @param status HTTP status
 * @param code   ErrorBody code used when {@code body} is null
 * @param headers extra response headers (e.g. Retry-After)
 * @param body   exact body to send, or null for an ErrorBody built from status and code
 */
public record ForcedResponse(int status, String code, Map<String, String> headers, String body) {

    public ForcedResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status: " + status);
        }
    }

    /** An ErrorBody answer with this status and code. */
    public static ForcedResponse error(int status, String code, Map<String, String> headers) {
        return new ForcedResponse(status, Objects.requireNonNull(code, "code"), headers, null);
    }

    /** An answer with exactly this body (served as application/json), e.g. a 200 the connector cannot parse. */
    public static ForcedResponse raw(int status, Map<String, String> headers, String body) {
        return new ForcedResponse(status, null, headers, Objects.requireNonNull(body, "body"));
    }
}

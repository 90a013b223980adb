package org.wfmagentsync.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.URISupport;

/** Turns whatever stopped a run into one sentence an operator can act on. */
final class RunFailures {

    private RunFailures() {
    }

    /** The sentence, with any password in a URL it names masked (it goes to the log, the run summary and the API). */
    static String describe(Throwable cause) {
        return URISupport.sanitizeUri(sentence(cause));
    }

    private static String sentence(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        java.util.Optional<String> tls = org.wfmagentsync.push.TlsFailure.describe(cause, "legacy system");
        if (tls.isPresent()) {
            return tls.get();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return "legacy system answered HTTP " + http.getStatusCode() + " for " + stripQuery(http.getUri());
            }
            if (t instanceof JsonProcessingException json) {
                return "legacy feed is not valid JSON: " + json.getOriginalMessage();
            }
            if (t instanceof IOException io) {
                return "legacy system unreachable: " + io.getClass().getSimpleName()
                        + (io.getMessage() == null ? "" : " " + io.getMessage());
            }
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String stripQuery(String uri) {
        int query = uri == null ? -1 : uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}

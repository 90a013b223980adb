package org.wfmagentsync.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.URISupport;
import org.wfmagentsync.legacy.FeedReader;
import org.wfmagentsync.mapping.MappingFileUnusable;
import org.wfmagentsync.push.TokenCache;
import org.wfmagentsync.support.ForeignText;
import org.wfmagentsync.support.TlsFailure;

/** Turns whatever stopped a run into one sentence an operator can act on. */
final class RunFailures {

    /** Where the legacy feed is read and how long its answer may take, to name them when the call fails. */
    record LegacyCall(String url, long responseTimeoutMs) {
        static final LegacyCall UNKNOWN = new LegacyCall(null, 0);
    }

    private RunFailures() {
    }

    /** The sentence, with any password in a URL it names masked (it goes to the log, the run summary and the API). */
    static String describe(Throwable cause) {
        return describe(cause, LegacyCall.UNKNOWN);
    }

    static String describe(Throwable cause, LegacyCall legacy) {
        return URISupport.sanitizeUri(sentence(cause, legacy));
    }

    private static String sentence(Throwable cause, LegacyCall legacy) {
        if (cause == null) {
            return "unknown failure";
        }
        Optional<String> tls = TlsFailure.describe(cause, "legacy system");
        if (tls.isPresent()) {
            return tls.get();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof MappingFileUnusable mapping) {
                return mapping.getMessage();
            }
            if (t instanceof TokenCache.TokenUnavailable token) {
                return "no access token from the Genesys Cloud login host: " + token.getMessage()
                        + "; nothing was sent, so nothing is lost: the next run tries again";
            }
            // Jackson wraps a parser limit (string length, nesting depth) in a mapping error: look for it first.
            if (t instanceof StreamConstraintsException limit) {
                return "legacy feed is beyond the JSON parser's limits: " + excerpt(limit.getOriginalMessage());
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return "legacy system answered HTTP " + http.getStatusCode() + " for " + stripQuery(http.getUri());
            }
            if (t instanceof FeedReader.UnusableFeed unusable) {
                return unusable.getMessage();
            }
            if (t instanceof MismatchedInputException shape) {
                // Well-formed JSON of the wrong shape (an array, a string, 'agents' not a list), or no JSON at all.
                String detail = shape.getOriginalMessage();
                return detail != null && detail.startsWith("No content to map") ? "legacy feed is empty: the body has no JSON"
                        : "legacy feed is JSON but not an object with an 'agents' list: " + where(shape) + excerpt(detail);
            }
            if (t instanceof JsonProcessingException json) {
                return "legacy feed is not valid JSON: " + excerpt(json.getOriginalMessage());
            }
            if (t instanceof SocketTimeoutException timeout && legacy.responseTimeoutMs() > 0) {
                return "legacy system did not answer within " + legacy.responseTimeoutMs()
                        + " ms (camel.component.http.response-timeout) at " + stripQuery(legacy.url()) + ": "
                        + timeout.getMessage();
            }
            // Push failures never end a run (the push error policy keeps them), so an I/O error here is the legacy call's.
            if (t instanceof IOException io) {
                return "legacy system unreachable" + (legacy.url() == null ? "" : " at " + stripQuery(legacy.url()))
                        + ": " + io.getClass().getSimpleName() + (io.getMessage() == null ? "" : " " + io.getMessage());
            }
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Where in the document the shape went wrong, e.g. {@code at 'agents': }, or nothing at the top. */
    private static String where(MismatchedInputException shape) {
        String path = shape.getPath().stream().map(reference -> reference.getFieldName() != null
                ? reference.getFieldName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
        return path.isEmpty() ? "" : "at '" + path + "': ";
    }

    /** A parser message, one line and bounded: it may quote the feed, which can be huge or hostile. */
    private static String excerpt(String message) {
        return ForeignText.oneLine(message, "no detail", 300);
    }

    /** The URL without query or user info, which may carry credentials. */
    private static String stripQuery(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            URI parsed = URI.create(uri);
            return new URI(parsed.getScheme(), null, parsed.getHost(), parsed.getPort(), parsed.getPath(), null, null)
                    .toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException unparseable) {
            int query = uri.indexOf('?');
            return query < 0 ? uri : uri.substring(0, query);
        }
    }
}

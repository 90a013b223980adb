package org.wfmagentsync.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.wfmagentsync.model.FailureExplainer;
import org.wfmagentsync.support.ForeignText;
import org.wfmagentsync.support.TlsFailure;

/**
 * Says why the legacy feed could not be read, in one sentence that names the URL (without query or
 * credentials) and, for a timeout, the setting: HTTP errors, TLS, a document that is not JSON or not
 * the feed's shape, parser limits, timeouts and I/O errors. Push failures never end a run (the push
 * error policy keeps them), so an I/O error that ends one is the legacy call's.
 */
public final class LegacyCallFailures implements FailureExplainer {

    private final String url;
    private final long responseTimeoutMs;

    /** {@code url} is the legacy feed's URL, {@code responseTimeoutMs} the HTTP response timeout (0 when unknown). */
    public LegacyCallFailures(String url, long responseTimeoutMs) {
        this.url = url == null || url.isEmpty() ? null : url;
        this.responseTimeoutMs = responseTimeoutMs;
    }

    @Override
    public Optional<String> explain(Throwable cause) {
        Optional<String> tls = TlsFailure.describe(cause, "legacy system");
        if (tls.isPresent()) {
            return tls;
        }
        // Jackson wraps a parser limit (string length, nesting depth) in a mapping error: look for it first.
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return Optional.of("legacy feed is beyond the JSON parser's limits: " + excerpt(limit.getOriginalMessage()));
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String sentence = sentence(t);
            if (sentence != null) {
                return Optional.of(sentence);
            }
        }
        return Optional.empty();
    }

    private String sentence(Throwable t) {
        if (t instanceof HttpOperationFailedException http) {
            return "legacy system answered HTTP " + http.getStatusCode() + " for " + stripQuery(http.getUri());
        }
        if (t instanceof FeedReader.UnusableFeed unusable) {
            return unusable.getMessage();
        }
        if (t instanceof FeedDocument.SpoolFailure spool) {
            return ForeignText.oneLine(spool.getMessage(), "no detail", 300);
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
        if (t instanceof SocketTimeoutException timeout && responseTimeoutMs > 0) {
            return "legacy system did not answer within " + responseTimeoutMs
                    + " ms (camel.component.http.response-timeout) at " + stripQuery(url) + ": " + timeout.getMessage();
        }
        if (t instanceof IOException io) {
            return "legacy system unreachable" + (url == null ? "" : " at " + stripQuery(url)) + ": "
                    + io.getClass().getSimpleName() + (io.getMessage() == null ? "" : " " + io.getMessage());
        }
        return null;
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

package org.wfmagentsync.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.stream.Collectors;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.wfmagentsync.legacy.FeedReader;

/** Turns whatever stopped a run into one sentence an operator can act on. */
final class RunFailures {

    private RunFailures() {
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
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
            if (t instanceof IOException io) {
                return "legacy system unreachable: " + io.getClass().getSimpleName()
                        + (io.getMessage() == null ? "" : " " + io.getMessage());
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
        if (message == null) {
            return "no detail";
        }
        String line = message.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }

    private static String stripQuery(String uri) {
        int query = uri == null ? -1 : uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}

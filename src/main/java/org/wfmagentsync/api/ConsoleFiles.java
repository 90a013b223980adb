package org.wfmagentsync.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Serves the dead-letter console's files ({@code routes/console.camel.yaml}) from the class path's
 * {@code console/} folder. Camel 4.14 serves static files only on its main HTTP server
 * ({@code camel.server.static-enabled}), not on the management server the API lives on, so this
 * bean does it: a plain file name with a known extension or nothing, so no request reaches any other
 * resource.
 */
public class ConsoleFiles {

    /** One name, no folder: {@code ..}, slashes and backslashes can never match. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|css|js|svg|png)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png");
    /**
     * The page loads only its own files and talks only to its own origin, and no other site may
     * frame it (a replay button under someone else's page).
     */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** Where the files are on the class path (src/main/resources/console/). */
    private static final String FOLDER = "console/";

    /** {@code /console/}: the page itself; {@code /console} is redirected there. */
    public Object page(Exchange exchange) {
        Message message = exchange.getMessage();
        String path = message.getHeader(Exchange.HTTP_PATH, String.class);
        if (path != null && !path.endsWith("/")) {
            message.removeHeaders("*");
            commonHeaders(message);
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 308);
            message.setHeader("Location", "console/");
            return "";
        }
        return serve(message, "index.html");
    }

    /** {@code /console/{file}}: the file with its Content-Type, or 404 naming what was asked for. */
    public Object file(Exchange exchange) {
        Message message = exchange.getMessage();
        return serve(message, message.getHeader("file", String.class));
    }

    /** The request's headers are not sent back: only the answer's own. */
    private Object serve(Message message, String file) {
        message.removeHeaders("*");
        commonHeaders(message);
        Matcher name = NAME.matcher(file == null ? "" : file);
        byte[] content = name.matches() ? read(FOLDER + file) : null;
        if (content == null) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            return "the console has no file '" + printable(String.valueOf(file)) + "'; open /console/";
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, TYPES.get(name.group(1)));
        message.setHeader("Content-Security-Policy", POLICY);
        message.setHeader("X-Frame-Options", "DENY");
        return content;
    }

    private static void commonHeaders(Message message) {
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("Cache-Control", "no-cache");
    }

    private byte[] read(String resource) {
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + resource, e);
        }
    }

    /** What was asked for, as far as it is safe to repeat in an answer. */
    private static String printable(String file) {
        String cut = file.length() > 80 ? file.substring(0, 80) + "…" : file;
        return cut.replaceAll("[^A-Za-z0-9._-]", "?");
    }
}

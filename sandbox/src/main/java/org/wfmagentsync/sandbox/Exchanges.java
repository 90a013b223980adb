package org.wfmagentsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers shared by the simulators' HTTP handlers. */
final class Exchanges {

    private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);

    private Exchanges() {
    }

    /** Reads the whole request body, so keep-alive connections stay usable even when we reject early. */
    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** Writes a complete answer with a fixed Content-Length and closes the exchange. */
    static void send(HttpExchange exchange, SimResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        boolean noBody = body == null || body.length == 0 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** Wraps a handler so an unexpected failure is logged and answered with 500 instead of a dropped connection. */
    static HttpHandler guarded(String name, HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (IOException e) {
                // The client went away mid-answer; nothing useful can be sent.
                LOG.debug("{}: I/O error while answering {}: {}", name, exchange.getRequestURI(), e.toString());
                exchange.close();
            } catch (RuntimeException | LinkageError e) {
                // LinkageError too: a library version clash on the classpath should show as a 500, not a hang.
                LOG.warn("{}: handler failed for {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI(), e);
                try {
                    send(exchange, SimResponse.text(500, "sandbox handler failed: " + e));
                } catch (IOException | RuntimeException ignored) {
                    exchange.close();
                }
            }
        };
    }
}

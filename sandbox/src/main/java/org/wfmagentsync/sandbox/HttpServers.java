package org.wfmagentsync.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** Creates the simulators' JDK HTTP servers with TCP_NODELAY, so simulated latency is the only latency. */
final class HttpServers {

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes headers and body separately; with Nagle on, the body waits for the client's
        // delayed ACK (~40 ms per answer), which would swamp the simulated latency and cap throughput.
        // Read once by the JDK when its first server is created, hence set before any server here.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private HttpServers() {
    }

    static HttpServer create(String host, int port, int backlog, String what) {
        try {
            return HttpServer.create(new InetSocketAddress(host, port), backlog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + what + " on " + host + ":" + port, e);
        }
    }
}

package org.wfmagentsync;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Refuses to start when the management port is taken. Camel 4.14 only logs a warning when its
 * management server cannot bind, and the connector would then run without health, metrics or the
 * dead-letter API; an operator must hear about it at once, with the setting to change.
 */
final class ManagementPort {

    private ManagementPort() {
    }

    /** Binds the address for a moment; a port that is in use fails the start, naming the port and the setting. */
    static void requireFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            // A socket in TIME_WAIT from the previous run is not "in use": only a listener is.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("the management port " + host + ":" + port + " is already in use ("
                    + e.getMessage() + "): stop whatever listens there, or choose another port with"
                    + " camel.management.port in config/application.properties or -Dcamel.management.port=<port>"
                    + " in JAVA_TOOL_OPTIONS (Camel ignores CAMEL_MANAGEMENT_PORT: it skips environment variables"
                    + " ending in _PORT)", e);
        }
    }
}

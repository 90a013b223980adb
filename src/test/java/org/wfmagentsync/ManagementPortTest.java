package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;

class ManagementPortTest {

    @Test
    void a_management_port_already_in_use_fails_the_start_naming_the_port_and_the_setting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());

            RuntimeException failure = assertThrows(RuntimeException.class, () -> ConnectorHarness.start(
                    sandbox -> sandbox.legacyAgents(5), Map.of("camel.management.port", port)).close());

            String message = causeNamed(failure, IllegalStateException.class).getMessage();
            assertTrue(message.startsWith("the management port 127.0.0.1:" + port + " is already in use"), message);
            assertTrue(message.contains("camel.management.port"), message);
            assertTrue(message.contains("Camel ignores CAMEL_MANAGEMENT_PORT"), "says why the variable would not do: "
                    + message);
        }
    }

    @Test
    void once_the_port_is_free_the_same_settings_start() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
        }
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of("camel.management.port", Integer.toString(port)))) {
            assertEquals(RunSummary.Outcome.SUCCEEDED, harness.runOnce().outcome());
        }
    }

    private static Throwable causeNamed(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }
}

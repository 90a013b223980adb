package org.wfmagentsync.push;

/**
 * A batch not sent because the connector is stopping. Not a delivery failure: it is neither
 * retried nor dead-lettered; its events are still changes, so the next run sends them.
 */
public class ConnectorStopping extends IllegalStateException {
    public ConnectorStopping(int events) {
        super("the connector is stopping: " + events + " event(s) not sent; the next run sends them");
    }
}

package org.wfmagentsync.sandbox;

/**
 * How the Genesys simulator can fail a presence request below HTTP; see
 * {@link GenesysSimulator#failNextConnections(int, ConnectionFault)}. The request is read but never
 * processed, so no event of it is applied.
 */
public enum ConnectionFault {
    /** Closes the connection without answering, as a crashed server or a reset load balancer would. */
    RESET,
    /**
     * Answers nothing and keeps the connection open until the client gives up, the simulator
     * closes, or {@link GenesysSimulator#MAX_HANG} has passed (so a test cannot leak threads).
     */
    HANG
}

package org.wfmagentsync.cli;

import java.io.PrintStream;

/**
 * The commands that need no running connector but the connector's own code, which the command line
 * is given by whoever starts it (the connector's main class): {@code check}, a dry run of the next
 * sync run, and {@code mapping export}. Each prints what it found and returns the exit code.
 */
public interface LocalCommands {

    /**
     * The dry run: what the next run would send, sending nothing.
     *
     * @param events how many of the events to show
     * @return 0 when a run would deliver everything that maps, 1 otherwise (the output says why)
     */
    int check(int events, PrintStream out, PrintStream err);

    /**
     * The mapping as a run resolves it, in the shape of {@code agents.csv}, written to {@code csv};
     * what does not resolve is told on {@code err}.
     *
     * @return 0 when it was written, 1 when the feed or the mapping could not be read
     */
    int exportMapping(PrintStream csv, PrintStream err);

    /** Where the command line runs without the connector's code: these commands say how to run them. */
    LocalCommands NONE = new LocalCommands() {
        @Override
        public int check(int events, PrintStream out, PrintStream err) {
            return unavailable("check", err);
        }

        @Override
        public int exportMapping(PrintStream csv, PrintStream err) {
            return unavailable("mapping export", err);
        }

        private int unavailable(String command, PrintStream err) {
            err.println("error: " + command + " runs the connector's own stages: run it as " + OperatorCli.DOCUMENTED_INVOCATION
                    + " " + command);
            return OperatorCli.ERROR;
        }
    };
}

package org.wfmagentsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code check}: a dry run of the next sync run, without a running connector; it sends nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Dry run: what the next sync run would send, sending nothing (no connector needs to run).",
                "Reads the configuration as a start does, gets a token, looks up the presence source, reads the legacy"
                        + " feed, resolves the mapping and compares with what was delivered; prints the counts per kind,"
                        + " what does not resolve and the first events."},
        footerHeading = "%nExit status:%n",
        footer = {"  0  a run would deliver everything that maps", "  1  it would not: the lines starting FAIL say why",
                "  2  the command line itself was wrong"})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    OperatorCli cli;

    @Option(names = "--events", paramLabel = "N", defaultValue = "5",
            description = "how many of the events to show, as they would be sent (default ${DEFAULT-VALUE})")
    int events;

    @Override
    public Integer call() {
        if (events < 0) {
            cli.err.println("error: --events must be 0 or more, got " + events);
            return OperatorCli.ERROR;
        }
        return cli.local.check(events, cli.out, cli.err);
    }
}

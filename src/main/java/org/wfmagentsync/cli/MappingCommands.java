package org.wfmagentsync.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mapping}: the agent mapping as the connector resolves it. */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "The agent mapping as the connector resolves it (no connector needs to run).",
        subcommands = MappingCommands.Export.class)
final class MappingCommands {

    @ParentCommand
    OperatorCli cli;

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"The legacy feed's agents with the Genesys user each resolves to, as agents.csv"
                    + " (legacyAgentId,genesysUserId).", "Agents that do not resolve are left out and named on stderr."})
    static final class Export implements Callable<Integer> {

        @ParentCommand
        MappingCommands mapping;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write it to FILE (default: stdout)")
        Path output;

        @Override
        public Integer call() {
            OperatorCli cli = mapping.cli;
            if (output == null) {
                return cli.local.exportMapping(cli.out, cli.err);
            }
            try (PrintStream file = new PrintStream(output.toFile(), StandardCharsets.UTF_8)) {
                int exit = cli.local.exportMapping(file, cli.err);
                file.flush();
                if (file.checkError()) {
                    cli.err.println("error: could not write " + output);
                    return OperatorCli.ERROR;
                }
                return exit;
            } catch (IOException unwritable) {
                cli.err.println("error: cannot write " + output + ": " + unwritable.getMessage());
                return OperatorCli.ERROR;
            }
        }
    }
}

package org.wfmagentsync.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the command line says when it cannot make sense of the words it was given: an unknown
 * command with the commands there are, a command that needs one of its own, a bad option; each
 * ends with the real command that shows the help. Always exit 2.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    private final PrintStream err;

    UsageErrors(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException exception, String[] arguments) {
        CommandLine where = exception.getCommandLine();
        boolean group = !where.getSubcommands().isEmpty();
        String prefix = where.getParent() == null ? "" : where.getCommandName() + " ";
        if (group && exception instanceof UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()) {
            err.println("error: unknown command '" + prefix + unmatched.getUnmatched().get(0) + "'");
            suggestions(unmatched);
            listCommands(where);
        } else if (group && !(exception instanceof UnmatchedArgumentException)) {
            err.println("error: '" + prefix.strip() + "' needs one of its commands");
            listCommands(where);
        } else {
            err.println("error: " + exception.getMessage());
            if (where.getParent() == null && arguments.length > 0 && arguments[0].startsWith("-")) {
                err.println("(Camel Main's own options go after '" + OperatorCli.RUN + "': " + where.getCommandName()
                        + " " + OperatorCli.RUN + " " + arguments[0] + " ...)");
            }
        }
        err.println("try: " + where.getCommandSpec().qualifiedName() + " --help");
        return OperatorCli.ERROR;
    }

    private void suggestions(UnmatchedArgumentException unmatched) {
        List<String> similar = unmatched.getSuggestions();
        if (!similar.isEmpty()) {
            err.println("did you mean " + String.join(" or ", similar.stream().map(name -> "'" + name + "'").toList())
                    + "?");
        }
    }

    /** This command's commands, one a line with what it does; at the top, also how the connector starts. */
    private void listCommands(CommandLine command) {
        Map<String, String> commands = new LinkedHashMap<>();
        command.getSubcommands().forEach((name, sub) -> {
            // picocli's help command says what it does in its header
            String[] header = sub.getCommandSpec().usageMessage().header();
            String[] description = header.length > 0 ? header : sub.getCommandSpec().usageMessage().description();
            commands.put(name, description.length == 0 ? "" : description[0]);
        });
        if (command.getParent() == null) {
            commands.put(OperatorCli.RUN, OperatorCli.RUN_DESCRIPTION);
        }
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        err.println("commands:");
        commands.forEach((name, description) -> err.printf("  %-" + width + "s   %s%n", name, description));
    }
}

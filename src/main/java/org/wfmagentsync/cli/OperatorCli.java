package org.wfmagentsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * The operators' command line: dead letters and runs of a running connector, through its REST API;
 * and, without one, a dry run of the next sync run ({@code check}) and the resolved mapping
 * ({@code mapping export}), which the connector's own code does ({@link LocalCommands}).
 * Exit codes: 0 done, 1 nothing found (for {@code check}: a run would not deliver everything),
 * 2 error (bad input, refused, connector unreachable, unknown command).
 */
@Command(name = "wfm-agent-sync", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Inspect and replay what did not reach Genesys Cloud, through the running connector's API;"
                + " check a configuration before a run (check, mapping export).",
        subcommands = {OperatorCli.DeadLetters.class, OperatorCli.Runs.class, CheckCommand.class, MappingCommands.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nThe connector itself:%n",
        footer = {"  run [Camel Main options]", "               " + OperatorCli.RUN_DESCRIPTION})
public final class OperatorCli {

    public static final int OK = 0;
    public static final int NOTHING_FOUND = 1;
    public static final int ERROR = 2;

    /** The word that starts the connector, as no argument does; Camel Main's own options may follow it. */
    public static final String RUN = "run";
    static final String RUN_DESCRIPTION = "Start the connector, as no command does.";
    /** How the documentation tells users to start it, when this process was started some other way. */
    static final String DOCUMENTED_INVOCATION = "java -jar target/wfm-agent-sync.jar";

    private static final ObjectMapper JSON = new ObjectMapper();

    PrintStream out;
    PrintStream err;
    /** Where WFM_API_URL and WFM_API_TOKEN come from: the process environment, or a test's. */
    Map<String, String> env = System.getenv();
    /** What does check and mapping export. */
    LocalCommands local = LocalCommands.NONE;

    /**
     * Whether these arguments are for the command line: everything but nothing and {@code run ...},
     * which start the connector. A word it does not know is its too: it is refused, Camel never starts.
     */
    public static boolean handles(String[] args) {
        return args.length > 0 && !RUN.equals(args[0]);
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, System.getenv());
    }

    /** As {@link #execute(String[], PrintStream, PrintStream)}, reading WFM_API_URL and WFM_API_TOKEN from {@code env}. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return execute(args, out, err, env, LocalCommands.NONE);
    }

    /** As {@link #execute(String[], PrintStream, PrintStream, Map)}, with {@code local} doing check and mapping export. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
            LocalCommands local) {
        OperatorCli cli = new OperatorCli();
        cli.out = out;
        cli.err = err;
        cli.env = env;
        cli.local = local;
        CommandLine commandLine = new CommandLine(cli);
        // usage lines and hints name the command as the user runs it, not picocli's short name
        commandLine.setCommandName(invocation(System.getProperty("sun.java.command", "")));
        everyCommand(commandLine, command -> command.getCommandSpec().versionProvider(new BuildVersion()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, command, parsed) -> {
            err.println("error: " + exception.getMessage());
            return ERROR;
        });
        commandLine.setParameterExceptionHandler(new UsageErrors(err));
        return commandLine.execute(args);
    }

    /**
     * {@code java -jar <the jar as it was typed>} when this process is one of the project's jars
     * (the connector, the quick start, the image's), else {@link #DOCUMENTED_INVOCATION}.
     */
    static String invocation(String javaCommand) {
        String launched = javaCommand.strip().split("\\s+", 2)[0];
        String file = launched.substring(Math.max(launched.lastIndexOf('/'), launched.lastIndexOf('\\')) + 1);
        return file.startsWith("wfm-agent-sync") && file.endsWith(".jar") ? "java -jar " + launched
                : DOCUMENTED_INVOCATION;
    }

    private static void everyCommand(CommandLine command, Consumer<CommandLine> action) {
        action.accept(command);
        command.getSubcommands().values().forEach(sub -> everyCommand(sub, action));
    }

    /** Where the connector is, and how to print. */
    static final class Connection {
        @Option(names = "--url", description = "the connector's API (default: $WFM_API_URL or http://127.0.0.1:9876)")
        String url;

        @Option(names = "--json", description = "print the API's JSON answer instead of a table")
        boolean json;

        ApiClient client(Map<String, String> env) {
            String base = url != null ? url : env.getOrDefault("WFM_API_URL", "http://127.0.0.1:9876");
            return new ApiClient(base, env.get("WFM_API_TOKEN"));
        }
    }

    /** The filters every dead-letter query takes, as the API names them. */
    static final class Filters {
        @Option(names = "--reason", description = "UNMAPPED, INVALID_RECORD, CONFLICT_EXHAUSTED, RETRIES_EXHAUSTED,"
                + " REJECTED, EVENT_REJECTED, RETRY_BUDGET_EXHAUSTED, AUTH_FAILED, UNEXPECTED_ERROR")
        String reason;
        @Option(names = "--kind", description = "the kind of event: PRESENCE or ROUTING_STATUS")
        String kind;
        @Option(names = "--agent", description = "legacy agent id")
        String agentId;
        @Option(names = "--http-status", description = "last HTTP status, e.g. 409")
        String httpStatus;
        @Option(names = "--status", description = "OPEN (default), REPLAYING, REPLAYED, DELIVERED, SUPERSEDED, DISCARDED or ALL")
        String status;
        @Option(names = "--since", description = "last attempt at or after, ISO-8601, e.g. 2026-11-24T09:00:00-06:00")
        String since;
        @Option(names = "--until", description = "last attempt before, ISO-8601")
        String until;

        /** No filter narrows the set (the API's rule for replaying every open entry); {@code --status} does not count. */
        boolean narrowNothing() {
            return blank(reason) && blank(kind) && blank(agentId) && blank(httpStatus) && blank(since) && blank(until);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("reason", reason);
            parameters.put("kind", kind);
            parameters.put("agentId", agentId);
            parameters.put("httpStatus", httpStatus);
            parameters.put("status", status);
            parameters.put("since", since);
            parameters.put("until", until);
            return parameters;
        }
    }

    @Command(name = "deadletters", mixinStandardHelpOptions = true,
            description = "What did not reach Genesys Cloud: list, show, replay, discard, export.",
            subcommands = {ListCommand.class, ShowCommand.class, ReplayCommand.class, DiscardCommand.class,
                    ExportCommand.class})
    static final class DeadLetters {
        @ParentCommand
        OperatorCli cli;
    }

    /** Shared by every command that calls the API. */
    abstract static class ApiCommand implements Callable<Integer> {
        @Mixin
        Connection connection;

        abstract OperatorCli cli();

        abstract int print(JsonNode answer) throws Exception;

        int call(boolean post, String path, Map<String, String> parameters) throws Exception {
            ApiClient client = connection.client(cli().env);
            ApiClient.Answer answer;
            try {
                answer = post ? client.post(path, parameters) : client.get(path, parameters);
            } catch (ApiClient.Unreachable e) {
                cli().err.println("error: " + e.getMessage());
                return ERROR;
            }
            if (answer.status() == 401) {
                cli().err.println("error: " + unauthorized(answer, client.sendsToken()));
                return ERROR;
            }
            // 204: what a connector of an earlier build answers to an export that matches nothing
            if (answer.status() != 200 && answer.status() != 204) {
                cli().err.println("error: " + errorMessage(answer));
                return answer.status() == 404 ? NOTHING_FOUND : ERROR;
            }
            return answered(answer.body());
        }

        /** The API's answer, as a table, or as the API's JSON with {@code --json}. */
        int answered(String body) throws Exception {
            if (connection.json) {
                cli().out.println(body);
                return nothingFound(JSON.readTree(body)) ? NOTHING_FOUND : OK;
            }
            return print(JSON.readTree(body));
        }

        boolean nothingFound(JsonNode answer) {
            return false;
        }

        /** A 401 in the command line's terms: the token is WFM_API_TOKEN, not a header the user writes. */
        private static String unauthorized(ApiClient.Answer answer, boolean sentToken) {
            if (answer.tokenRefused()) {
                return "the connector refused the token in WFM_API_TOKEN: it is not the one the connector was started with";
            }
            return sentToken ? "the connector received no token although WFM_API_TOKEN is set: something between"
                    + " the two removes the Authorization header"
                    : "the connector needs a token: set WFM_API_TOKEN to the one it was started with";
        }

        private static String errorMessage(ApiClient.Answer answer) {
            try {
                return JSON.readTree(answer.body()).path("error").asText("HTTP " + answer.status());
            } catch (Exception notJson) {
                return "HTTP " + answer.status();
            }
        }
    }

    /** The dead-letter subcommands print through the top-level command's streams. */
    abstract static class DeadLetterCommand extends ApiCommand {
        @ParentCommand
        DeadLetters parent;

        @Override
        OperatorCli cli() {
            return parent.cli;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Dead letters, newest first.")
    static final class ListCommand extends DeadLetterCommand {
        @Mixin
        Filters filters;
        @Option(names = "--limit", description = "entries per page (default 50, at most 1000)")
        String limit;
        @Option(names = "--offset", description = "entries to skip")
        String offset;

        @Override
        public Integer call() throws Exception {
            Map<String, String> parameters = filters.parameters();
            parameters.put("limit", limit);
            parameters.put("offset", offset);
            return call(false, "/api/dead-letters", parameters);
        }

        @Override
        boolean nothingFound(JsonNode answer) {
            return answer.path("total").asLong() == 0;
        }

        @Override
        int print(JsonNode answer) {
            if (nothingFound(answer)) {
                cli().out.println("no dead letters match");
                return NOTHING_FOUND;
            }
            // KIND: PRESENCE or ROUTING_STATUS; "-" for an update that never became an event
            Table table = new Table("ID", "STATUS", "REASON", "KIND", "AGENT", "HTTP", "ATTEMPTS", "LAST ATTEMPT",
                    "DETAIL");
            for (JsonNode entry : answer.path("items")) {
                table.row(entry.path("id").asText(), entry.path("status").asText(), entry.path("reason").asText(),
                        text(entry, "kind"), text(entry, "agentId"), text(entry, "httpStatus"),
                        entry.path("attempts").asText(), text(entry, "lastAttemptAt"), text(entry, "detail"));
            }
            table.print(cli().out);
            long shown = answer.path("items").size();
            long offsetValue = answer.path("offset").asLong();
            cli().out.println((shown == 0 ? "none" : (offsetValue + 1) + "-" + (offsetValue + shown)) + " of "
                    + answer.path("total").asLong());
            return OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter with its full context.")
    static final class ShowCommand extends DeadLetterCommand {
        @Parameters(paramLabel = "ID", description = "the dead letter's id")
        String id;

        @Override
        public Integer call() throws Exception {
            return call(false, "/api/dead-letters/" + id, Map.of());
        }

        @Override
        int print(JsonNode entry) {
            PrintStream out = cli().out;
            for (String field : List.of("id", "status", "reason", "kind", "detail", "agentId", "userId", "eventId",
                    "httpStatus",
                    "attempts", "firstAttemptAt", "lastAttemptAt", "runId", "closedAt", "closeNote")) {
                out.printf("%-15s %s%n", field, text(entry, field));
            }
            out.printf("%-15s %s%n", "event", entry.path("event"));
            out.printf("%-15s %s%n", "responseBody", text(entry, "responseBody"));
            Table attempts = new Table("#", "AT", "HTTP", "OUTCOME");
            for (JsonNode attempt : entry.path("attemptHistory")) {
                attempts.row(attempt.path("number").asText(), text(attempt, "at"), text(attempt, "httpStatus"),
                        text(attempt, "outcome"));
            }
            out.println();
            attempts.print(out);
            return OK;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send dead letters again through the normal, throttled and retried push path.")
    static final class ReplayCommand extends DeadLetterCommand {
        @Parameters(paramLabel = "ID", arity = "0..*", description = "dead letters to replay (or use filters)")
        List<String> ids;
        @Mixin
        Filters filters;
        @Option(names = "--all", description = "replay every open dead letter (needed when there is no filter)")
        boolean all;

        @Override
        public Integer call() throws Exception {
            if (ids != null && !ids.isEmpty()) {
                if (ids.size() > 1) {
                    cli().err.println("error: replay one id at a time, or use filters (--reason, --agent, ...)");
                    return ERROR;
                }
                return call(true, "/api/dead-letters/" + ids.get(0) + "/replay", Map.of());
            }
            if (!all && filters.narrowNothing()) {
                cli().err.println("error: replaying every open dead letter needs --all; or filter with --reason,"
                        + " --kind, --agent, --http-status, --since or --until");
                return ERROR;
            }
            Map<String, String> parameters = filters.parameters();
            parameters.put("all", all ? "true" : null);
            return call(true, "/api/dead-letters/replay", parameters);
        }

        /** Nothing asked for, or everything asked for was skipped: nothing was sent. */
        @Override
        boolean nothingFound(JsonNode answer) {
            return answer.path("replayed").isEmpty();
        }

        @Override
        int print(JsonNode answer) {
            PrintStream out = cli().out;
            if (answer.path("requested").asInt() == 0) {
                out.println("nothing to replay");
                return NOTHING_FOUND;
            }
            Table replayed = new Table("ID", "KIND", "AGENT", "OUTCOME", "DETAIL");
            long delivered = 0;
            for (JsonNode entry : answer.path("replayed")) {
                replayed.row(entry.path("id").asText(), text(entry, "kind"), text(entry, "agentId"),
                        entry.path("outcome").asText(), text(entry, "detail"));
                delivered += "REPLAYED".equals(entry.path("outcome").asText()) ? 1 : 0;
            }
            if (answer.path("replayed").size() > 0) {
                replayed.print(out);
            }
            Table skipped = new Table("ID", "SKIPPED BECAUSE");
            for (JsonNode entry : answer.path("skipped")) {
                skipped.row(entry.path("id").asText(), text(entry, "why"));
            }
            if (answer.path("skipped").size() > 0) {
                skipped.print(out);
            }
            out.println("replayed " + answer.path("replayed").size() + " (delivered " + delivered + "), skipped "
                    + answer.path("skipped").size() + ", run " + text(answer, "runId"));
            return nothingFound(answer) ? NOTHING_FOUND : OK;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = "Close a dead letter without sending it; it is kept with your reason as an audit record.")
    static final class DiscardCommand extends DeadLetterCommand {
        @Parameters(paramLabel = "ID", description = "the dead letter's id")
        String id;
        @Option(names = "--note", required = true, description = "why it will not be sent")
        String note;

        @Override
        public Integer call() throws Exception {
            return call(true, "/api/dead-letters/" + id + "/discard", Map.of("note", note));
        }

        @Override
        int print(JsonNode entry) {
            cli().out.println("dead letter " + entry.path("id").asText() + " discarded: " + text(entry, "closeNote"));
            return OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Every matching dead letter as JSON lines, with its full context.")
    static final class ExportCommand extends DeadLetterCommand {
        @Mixin
        Filters filters;

        @Override
        public Integer call() throws Exception {
            return call(false, "/api/dead-letters/export", filters.parameters());
        }

        /** JSON lines already, with or without --json; "nothing" goes to stderr, stdout is the export file. */
        @Override
        int answered(String lines) {
            if (lines.isEmpty()) {
                cli().err.println("no dead letters match");
                return NOTHING_FOUND;
            }
            cli().out.print(lines);
            return OK;
        }

        @Override
        int print(JsonNode answer) {
            throw new UnsupportedOperationException("export prints JSON lines as they come");
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "The last sync and replay runs, newest first.")
    static final class Runs extends ApiCommand {
        @ParentCommand
        OperatorCli cli;
        @Option(names = "--limit", description = "runs to show (default 20)")
        String limit;

        @Override
        OperatorCli cli() {
            return cli;
        }

        @Override
        public Integer call() throws Exception {
            return call(false, "/api/runs", limit == null ? Map.of() : Map.of("limit", limit));
        }

        @Override
        boolean nothingFound(JsonNode answer) {
            return answer.path("items").isEmpty();
        }

        @Override
        int print(JsonNode answer) {
            if (nothingFound(answer)) {
                cli.out.println("no runs yet");
                return NOTHING_FOUND;
            }
            // DEAD-LETTERED: what the run dead-lettered anew; STILL-OPEN: dead letters open when it ended, whoever
            // wrote them ("-" for runs kept before it was recorded). Under each run, a line per kind of event it
            // had anything to do with, with that kind's figures (the run's line is their sum).
            Table table = new Table("RUN", "KIND", "STARTED", "OUTCOME", "FETCHED", "CHANGED", "DELIVERED",
                    "DEAD-LETTERED", "STILL-OPEN", "409s", "429s", "RETRIES", "LIMIT", "MS", "ERROR");
            for (JsonNode run : answer.path("items")) {
                table.row(run.path("runId").asText(), text(run, "kind"), text(run, "startedAt"), text(run, "outcome"),
                        text(run, "fetched"), text(run, "changed"), text(run, "delivered"), text(run, "deadLettered"),
                        text(run, "stillOpen"), text(run, "conflicts409"), text(run, "rateLimited429"),
                        text(run, "retries"), limit(run), text(run, "durationMs"), text(run, "error"));
                run.path("byKind").fields().forEachRemaining(kind -> {
                    JsonNode figures = kind.getValue();
                    table.row("  " + kind.getKey(), "", "", "", "", text(figures, "changed"), text(figures, "delivered"),
                            text(figures, "deadLettered"), "", text(figures, "conflicts409"),
                            text(figures, "rateLimited429"), text(figures, "retries"), "", "", "");
                });
            }
            table.print(cli.out);
            return OK;
        }
    }

    /** The run's concurrency limit as start→end, or nothing for summaries written before it was kept. */
    private static String limit(JsonNode run) {
        int start = run.path("limitStart").asInt(0);
        return start == 0 ? null : start + "->" + run.path("limitEnd").asInt(0);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}

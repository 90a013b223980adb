package org.wfmagentsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the command line says before it ever talks to a connector: version, unknown commands, hints. */
class CommandLineTest {

    @Test
    void version_prints_the_version_the_build_set_for_every_spelling() throws IOException {
        String version = pomVersion();
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"},
                new String[] {"deadletters", "list", "--version"})) {
            Cli cli = cli(args);

            assertEquals(OperatorCli.OK, cli.exit, String.join(" ", args) + ": " + cli.err);
            String[] lines = cli.out.split("\n");
            assertEquals("wfm-agent-sync " + version, lines[0], String.join(" ", args));
            assertTrue(lines[1].startsWith("Apache Camel 4.") && lines[1].contains(", Java "), cli.out);
        }
        assertEquals(version, BuildVersion.version());
    }

    @Test
    void the_changelog_starts_with_the_version_the_build_prints() throws IOException {
        String version = BuildVersion.version();
        Matcher first = Pattern.compile("(?m)^## \\[([^]]+)] - (.+)$").matcher(Files.readString(Path.of("CHANGELOG.md")));
        assertTrue(first.find(), "CHANGELOG.md has no '## [version] - date' heading");

        if (version.endsWith("-SNAPSHOT")) {
            assertEquals(version.substring(0, version.length() - "-SNAPSHOT".length()), first.group(1));
            assertEquals("Unreleased", first.group(2), "a SNAPSHOT build's version is not released yet");
        } else {
            assertEquals(version, first.group(1));
            assertTrue(first.group(2).matches("\\d{4}-\\d{2}-\\d{2}"), "a release has its date: " + first.group(2));
        }
    }

    @Test
    void an_unknown_command_is_named_and_refused_with_the_commands_listed() {
        Cli cli = cli("statuss");

        assertEquals(OperatorCli.ERROR, cli.exit);
        assertEquals("", cli.out);
        List<String> lines = List.of(cli.err.split("\n"));
        assertEquals("error: unknown command 'statuss'", lines.get(0));
        assertEquals("commands:", lines.get(1));
        for (String command : List.of("deadletters", "runs", "check", "mapping", "help", "run")) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("  " + command + " ")), command + " in\n" + cli.err);
        }
        assertEquals("try: java -jar target/wfm-agent-sync.jar --help", lines.get(lines.size() - 1));
    }

    @Test
    void an_unknown_subcommand_gets_a_suggestion_and_its_siblings() {
        Cli cli = cli("deadletters", "lst");

        assertEquals(OperatorCli.ERROR, cli.exit);
        assertTrue(cli.err.startsWith("error: unknown command 'deadletters lst'\ndid you mean 'list'?\ncommands:\n"),
                cli.err);
        assertTrue(cli.err.contains("\n  export "), cli.err);
    }

    @Test
    void only_nothing_or_run_start_the_connector_every_other_word_is_the_command_lines() {
        assertFalse(OperatorCli.handles(new String[0]));
        assertFalse(OperatorCli.handles(new String[] {"run"}));
        assertFalse(OperatorCli.handles(new String[] {"run", "-duration", "60"}));
        for (String word : List.of("statuss", "deadletters", "runs", "help", "--help", "-V", "--version", "-duration")) {
            assertTrue(OperatorCli.handles(new String[] {word}), word);
        }
    }

    @Test
    void replay_without_a_filter_asks_for_all_in_the_command_lines_own_terms() throws IOException {
        Cli cli = cli("deadletters", "replay", "--url", "http://127.0.0.1:" + freePort());

        assertEquals(OperatorCli.ERROR, cli.exit);
        assertEquals("error: replaying every open dead letter needs --all; or filter with --reason, --kind, --agent,"
                + " --http-status, --since or --until\n", cli.err);
    }

    @Test
    void a_bad_option_names_the_real_command_to_ask_for_help() {
        Cli cli = cli("deadletters", "replay", "--bogus");

        assertEquals(OperatorCli.ERROR, cli.exit);
        assertTrue(cli.err.startsWith("error: Unknown option: '--bogus'"), cli.err);
        assertTrue(cli.err.endsWith("try: java -jar target/wfm-agent-sync.jar deadletters replay --help\n"), cli.err);
        Cli help = cli("deadletters", "replay", "--help");
        assertEquals(OperatorCli.OK, help.exit);
        assertTrue(help.out.startsWith("Usage: java -jar target/wfm-agent-sync.jar deadletters replay "), help.out);
    }

    @Test
    void hints_name_the_jar_the_user_started() {
        assertEquals("java -jar quickstart/target/wfm-agent-sync-quickstart.jar",
                OperatorCli.invocation("quickstart/target/wfm-agent-sync-quickstart.jar deadletters list"));
        assertEquals("java -jar wfm-agent-sync.jar", OperatorCli.invocation("wfm-agent-sync.jar runs"));
        assertEquals("java -jar target/wfm-agent-sync.jar",
                OperatorCli.invocation("/tmp/surefire123/surefirebooter-1.jar /tmp/surefire123 x"));
        assertEquals("java -jar target/wfm-agent-sync.jar", OperatorCli.invocation("org.wfmagentsync.WfmAgentSync runs"));
        assertEquals("java -jar target/wfm-agent-sync.jar", OperatorCli.invocation(""));
    }

    /** The version the poms give this build (the connector's parent). */
    static String pomVersion() throws IOException {
        Matcher parent = Pattern.compile("(?s)<parent>.*?<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("connector.pom.xml")));
        assertTrue(parent.find());
        return parent.group(1);
    }

    private record Cli(int exit, String out, String err) {
    }

    @Test
    void check_with_a_negative_event_count_is_refused_before_anything_starts() {
        Cli cli = cli("check", "--events", "-1");

        assertEquals(OperatorCli.ERROR, cli.exit);
        assertEquals("error: --events must be 0 or more, got -1\n", cli.err);
    }

    @Test
    void without_the_connector_s_code_check_and_mapping_export_say_how_to_run_them() {
        assertEquals("error: check runs the connector's own stages: run it as java -jar target/wfm-agent-sync.jar check\n",
                cli("check").err);
        assertEquals("error: mapping export runs the connector's own stages: run it as java -jar target/wfm-agent-sync.jar"
                + " mapping export\n", cli("mapping", "export").err);
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OperatorCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.cli.OperatorCli;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.LegacySimulator;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * {@code check}, the dry run, through the command line with captured streams, against the sandbox
 * over HTTP: what it prints is what the next run then does, it sends and stores nothing, and it
 * exits 1 naming each thing that keeps a run from delivering everything that maps.
 */
class CheckCommandTest {

    private static final String SOURCE = SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID;

    @TempDir
    Path dir;

    @Test
    void check_prints_what_the_next_run_then_really_does_and_sends_nothing() {
        try (ConnectorHarness harness = ConnectorHarness.start()) {
            Cli first = check(harness, Map.of());

            assertEquals(0, first.exit, first.out);
            assertTrue(first.out.startsWith("wfm-agent-sync check: what the next sync run would do; nothing is sent\n"),
                    first.out);
            assertTrue(first.out.contains("\n  source:   presence source 'wfm-agent-sync' (" + SOURCE
                    + "): exists and is active\n"), first.out);
            assertTrue(first.out.contains("\n  legacy:   " + harness.sandbox.legacy().agentsUrl() + ": 250 rows\n"), first.out);
            assertEquals(List.of("PRESENCE", "250", "0", "0"), row(first.out, "PRESENCE"));
            assertTrue(first.out.contains("\nthe first 5 of 250 events, as they would be sent:\n  PRESENCE  A0001  {\"eventId\":"),
                    first.out);
            assertTrue(first.out.endsWith("\nPASS: a run would deliver everything that maps: 250 events\n"), first.out);
            assertEquals(0, harness.sandbox.genesys().counters().requests(), "no event was sent");
            assertTrue(harness.openDeadLetters().isEmpty());

            RunSummary run = harness.runOnce();
            assertEquals(250, run.sent());
            assertEquals(250, run.delivered());

            harness.sandbox.legacy().changeAgents(30);
            Cli next = check(harness, Map.of());
            assertEquals(List.of("PRESENCE", "30", "220", "0"), row(next.out, "PRESENCE"), next.out);
            assertTrue(next.out.endsWith("\nPASS: a run would deliver everything that maps: 30 events\n"), next.out);
            RunSummary second = harness.runOnce();
            assertEquals(30, second.changed());
            assertEquals(30, second.delivered());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
        }
    }

    @Test
    void agents_that_do_not_resolve_are_listed_as_a_run_will_dead_letter_them_and_the_check_passes() throws IOException {
        try (ConnectorHarness harness = ConnectorHarness.start()) {
            Path agents = harness.workDir.resolve("agents.csv");
            List<String> rows = Files.readAllLines(agents);
            Files.write(agents, rows.stream().filter(row -> !row.startsWith("A0007,") && !row.startsWith("A0012,")).toList());

            Cli cli = check(harness, Map.of());

            assertEquals(0, cli.exit, cli.out);
            assertEquals(List.of("PRESENCE", "248", "0", "0"), row(cli.out, "PRESENCE"));
            assertTrue(cli.out.contains("\n2 do not resolve; a run dead-letters them as UNMAPPED:\n  agent A0007 has no Genesys"
                    + " user in " + agents + "\n  agent A0012 has no Genesys user in " + agents + "\n"), cli.out);
            assertTrue(cli.out.endsWith("\nPASS: a run would deliver everything that maps: 248 events; 2 do not resolve"
                    + " (listed above)\n"), cli.out);

            RunSummary run = harness.runOnce();
            assertEquals(248, run.delivered());
            assertEquals(List.of("A0007", "A0012"), harness.openDeadLetters().stream()
                    .filter(letter -> letter.reason() == DeadLetterReason.UNMAPPED).map(letter -> letter.agentId()).sorted()
                    .toList());
        }
    }

    @Test
    void a_presence_source_id_the_org_lacks_fails_the_check_naming_it() {
        try (ConnectorHarness harness = ConnectorHarness.start()) {
            String unknown = "6f1c2a40-0000-4000-8000-00000000abcd";

            Cli cli = check(harness, Map.of("genesys.presence-source-id", unknown));

            assertEquals(1, cli.exit, cli.out);
            assertTrue(cli.out.contains("\nFAIL: GENESYS_PRESENCE_SOURCE_ID " + unknown + " is not a presence source of this"
                    + " org (GET /api/v2/presence/sources/" + unknown + " answered HTTP 404 not.found"), cli.out);
            assertEquals(List.of("PRESENCE", "250", "0", "0"), row(cli.out, "PRESENCE"), "the rest is checked too");
        }
    }

    @Test
    void a_source_name_a_start_would_create_passes_and_nothing_is_created() throws IOException {
        try (Sandbox sandbox = sandbox()) {
            sandbox.genesys().deactivatePresenceSource(SOURCE);

            Cli cli = check(sandbox, Map.of("genesys.presence-source-id", "", "genesys.presence-source-name", "Legacy ACD"));

            assertEquals(0, cli.exit, cli.out);
            assertTrue(cli.out.contains("\n  source:   presence source 'Legacy ACD' does not exist yet: a start creates it"
                    + " (POST /api/v2/presence/sources, permission presence:source:add)\n"), cli.out);
            assertTrue(cli.out.contains("\"sourceId\":\"(created at the first start)\""), cli.out);
            assertEquals(1, sandbox.genesys().presenceSources().size(), "the check created nothing");
        }
    }

    @Test
    void a_source_name_a_start_could_not_create_fails_the_check_naming_the_org_s_source() throws IOException {
        try (Sandbox sandbox = sandbox()) {
            Cli cli = check(sandbox, Map.of("genesys.presence-source-id", "", "genesys.presence-source-name", "Legacy ACD"));

            assertEquals(1, cli.exit, cli.out);
            assertTrue(cli.out.contains("\n  source:   presence source 'Legacy ACD' does not exist, and the org has its one"
                    + " external source already\n"), cli.out);
            assertTrue(cli.out.contains("\nFAIL: presence source 'Legacy ACD' does not exist, and a start cannot create it:"
                    + " an org has one external presence source, and this one has 'wfm-agent-sync' (" + SOURCE + "): use it"
                    + " (GENESYS_PRESENCE_SOURCE_NAME=wfm-agent-sync, or GENESYS_PRESENCE_SOURCE_ID=" + SOURCE + ")"), cli.out);
        }
    }

    @Test
    void refused_credentials_fail_the_check_without_the_secret() throws IOException {
        String secret = "wrong-secret-" + System.nanoTime();
        try (Sandbox sandbox = sandbox()) {
            Cli cli = check(sandbox, Map.of("genesys.client-secret", secret));

            assertEquals(1, cli.exit, cli.out);
            assertTrue(cli.out.contains("\n  login:    no token: login host answered HTTP 401 (invalid_client) to the token"
                    + " request for client id sandbox-client; check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET\n"), cli.out);
            assertTrue(cli.out.contains("\n  source:   not looked up without a token\n"), cli.out);
            assertTrue(cli.out.contains("\nFAIL: no access token from the login host: login host answered HTTP 401"), cli.out);
            assertFalse(cli.out.contains(secret) || cli.err.contains(secret));
        }
    }

    @Test
    void a_legacy_feed_that_cannot_be_read_fails_the_check_naming_the_url() throws IOException {
        try (Sandbox sandbox = sandbox()) {
            sandbox.legacy().setFault(LegacySimulator.Fault.DOWN);

            Cli cli = check(sandbox, Map.of());

            assertEquals(1, cli.exit, cli.out);
            assertTrue(cli.out.contains("\n  legacy:   " + sandbox.legacy().agentsUrl() + ": cannot be read\n"), cli.out);
            assertTrue(cli.out.endsWith("\nFAIL: the legacy feed cannot be read: legacy system answered HTTP 503 for "
                    + sandbox.legacy().agentsUrl() + "\n"), cli.out);
        }
    }

    @Test
    void changes_waiting_in_the_dead_letters_fail_the_check_since_a_run_does_not_send_them() {
        try (ConnectorHarness harness = ConnectorHarness.start(settings -> settings.legacyAgents(20), Map.of())) {
            harness.sandbox.genesys().failNextRequests(1, 400, "bad.request", Map.of());
            harness.runOnce();
            harness.sandbox.genesys().clearForcedResponses();

            Cli cli = check(harness, Map.of());

            assertEquals(1, cli.exit, cli.out);
            assertEquals(List.of("PRESENCE", "0", "0", "20"), row(cli.out, "PRESENCE"), cli.out);
            assertTrue(cli.out.endsWith("\nFAIL: 20 changes wait in the dead letters, which a run does not send again: see"
                    + " them with `deadletters list`, send them with `deadletters replay`\n"), cli.out);
            assertEquals(0, harness.runOnce().sent(), "as check said");
        }
    }

    @Test
    void a_setting_a_start_refuses_fails_the_check_with_the_start_s_reason() throws IOException {
        try (Sandbox sandbox = sandbox()) {
            Cli cli = check(sandbox, Map.of("wfm.push.batch-size", "500"));

            assertEquals(1, cli.exit, cli.out);
            assertTrue(cli.out.contains("\nFAIL: the connector would not start: ") && cli.out.contains(
                    "wfm.push.batch-size must be between 1 and 100, got 500"), cli.out);
        }
    }

    /** A sandbox of 10 agents with its mapping in {@link #dir}; no connector. */
    private Sandbox sandbox() throws IOException {
        Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(10).noLatency().build());
        sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));
        return sandbox;
    }

    /** The cells of the per-kind table's row for {@code kind}. */
    private static List<String> row(String out, String kind) {
        return out.lines().filter(line -> line.startsWith(kind + " ")).findFirst()
                .map(line -> List.of(line.trim().split("\\s+"))).orElseThrow(() -> new AssertionError("no " + kind + " row:\n"
                        + out));
    }

    record Cli(int exit, String out, String err) {
    }

    /** {@code check} against the harness's sandbox, on the harness's state database. */
    private static Cli check(ConnectorHarness harness, Map<String, String> settings) {
        return check(harness.sandbox, harness.workDir, settings);
    }

    private Cli check(Sandbox sandbox, Map<String, String> settings) {
        return check(sandbox, dir, settings);
    }

    static Cli check(Sandbox sandbox, Path workDir, Map<String, String> settings, String... args) {
        Properties properties = new Properties();
        ConnectorHarness.targetSettings(sandbox, workDir).forEach(properties::setProperty);
        properties.setProperty("genesys.client-secret", sandbox.settings().clientSecret());
        settings.forEach(properties::setProperty);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = args.length == 0 ? new String[] {"check"} : args;
        int exit = OperatorCli.execute(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
                new OfflineCommands(Map.of(), properties, false));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

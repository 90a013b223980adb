package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * {@code mapping export}: the legacy feed's agents with the Genesys user each resolves to, as an
 * agents.csv the connector takes; what does not resolve is named on stderr and left out.
 */
class MappingExportTest {

    @TempDir
    Path dir;

    @Test
    void the_export_is_an_agents_csv_of_the_resolved_users_that_a_connector_maps_with() throws IOException {
        Path exported = dir.resolve("resolved-agents.csv");
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(12).noLatency().build())) {
            sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));
            List<String> mapped = Files.readAllLines(dir.resolve("agents.csv"));
            Files.write(dir.resolve("agents.csv"), mapped.stream().filter(row -> !row.startsWith("A0003,")).toList());

            CheckCommandTest.Cli cli = CheckCommandTest.check(sandbox, dir, Map.of(), "mapping", "export", "--output",
                    exported.toString());

            assertEquals(0, cli.exit(), cli.err());
            assertEquals(mapped.stream().filter(row -> !row.startsWith("A0003,")).toList(), Files.readAllLines(exported),
                    "header, then the feed's agents in its order with their users");
            assertEquals("exported 11 agents of the legacy feed, with the Genesys user each resolves to\n"
                    + "1 did not resolve and are left out:\n  agent A0003 has no Genesys user in " + dir.resolve("agents.csv")
                    + "\n", cli.err());
            assertEquals("", cli.out());
        }

        try (ConnectorHarness harness = ConnectorHarness.start(settings -> settings.legacyAgents(12),
                Map.of("wfm.mapping.agents-file", exported.toString()))) {
            RunSummary run = harness.runOnce();

            assertEquals(11, run.delivered(), "the exported file maps every agent it lists");
            assertEquals(1, run.deadLettered(), "A0003, left out");
        }
    }

    @Test
    void without_an_output_file_the_csv_is_stdout_alone() throws IOException {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(3).noLatency().build())) {
            sandbox.writeAgentMappingCsv(dir.resolve("agents.csv"));

            CheckCommandTest.Cli cli = CheckCommandTest.check(sandbox, dir, Map.of(), "mapping", "export");

            assertEquals(0, cli.exit(), cli.err());
            assertEquals(Files.readString(dir.resolve("agents.csv")), cli.out());
            assertTrue(cli.err().startsWith("exported 3 agents"), cli.err());
        }
    }

    @Test
    void a_mapping_file_that_is_refused_exports_nothing_and_says_why() throws IOException {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(3).noLatency().build())) {
            Files.writeString(dir.resolve("agents.csv"), "legacyAgentId;genesysUserId\n");

            CheckCommandTest.Cli cli = CheckCommandTest.check(sandbox, dir, Map.of(), "mapping", "export");

            assertEquals(1, cli.exit());
            assertEquals("", cli.out());
            assertTrue(cli.err().startsWith("error: mapping file " + dir.resolve("agents.csv").toAbsolutePath()
                    + " is refused (line 1: the header looks separated by ';'"), cli.err());
        }
    }
}

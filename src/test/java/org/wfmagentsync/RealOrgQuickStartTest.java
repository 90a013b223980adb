package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.OrgUser;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.store.Database;
import org.wfmagentsync.store.DirectoryStore;

/**
 * The README's real-org quick start against the sandbox, end to end: the presence source named
 * (not its id), agents mapped by email and by employee id, states named by system presence with a
 * routing status beside each, {@code check}, then the run. The check's counts per kind are what the
 * run then delivers, both kinds equal the legacy truth, an unknown email is dead-lettered UNMAPPED
 * naming it (once per kind), and a user added to the org later resolves on the directory's refresh.
 */
class RealOrgQuickStartTest {

    private static final int AGENTS = 40;
    private static final String UNKNOWN = "new.hire@sandbox.example.com";
    private static final String NEW_HIRE = "7d1c3c36-2f0e-4b8e-9a55-0c2f3b3f9a02";

    @Test
    void named_source_email_and_employee_id_mapping_check_then_run_deliver_both_kinds_as_the_check_said()
            throws IOException {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(AGENTS), Map.of())) {
            Map<String, String> settings = quickStartSettings(harness);
            harness.stopConnector();

            CheckCommandTest.Cli check = CheckCommandTest.check(harness.sandbox, harness.workDir, settings);

            assertEquals(0, check.exit(), check.out());
            assertTrue(check.out().contains("\n  source:   presence source 'wfm-agent-sync' ("), check.out());
            assertTrue(check.out().contains("\n  org:      the directory: " + AGENTS + " users read at "), check.out());
            assertTrue(check.out().contains(" presence definitions read at "), check.out());
            assertEquals(List.of("PRESENCE", "39", "0", "0"), row(check.out(), "PRESENCE"), check.out());
            assertEquals(List.of("ROUTING_STATUS", "39", "0", "0"), row(check.out(), "ROUTING_STATUS"), check.out());
            assertTrue(check.out().contains("\n2 do not resolve; a run dead-letters them as UNMAPPED:\n  agent A0007: no"
                    + " Genesys user with email " + UNKNOWN + " in the org's directory"), check.out());
            assertTrue(check.out().contains(" line 8) [PRESENCE, ROUTING_STATUS]\n"), "one line for both kinds: "
                    + check.out());
            assertTrue(check.out().endsWith("\nPASS: a run would deliver everything that maps: 78 events; 2 do not resolve"
                    + " (listed above)\n"), check.out());
            assertEquals(0, harness.sandbox.genesys().counters().requests(), "the check sent no event");
            try (Database state = Database.open("jdbc:h2:file:" + harness.workDir.resolve("state").toAbsolutePath(),
                    "sa", "")) {
                assertTrue(new DirectoryStore(state.dataSource()).users().isEmpty(), "the check kept no directory");
            }

            settings.forEach((key, value) -> harness.setProperty(key, value));
            harness.startConnector();
            RunSummary run = harness.runOnce();

            assertEquals(39, run.of(EventKind.PRESENCE).delivered(), run.toLogLine());
            assertEquals(39, run.of(EventKind.ROUTING_STATUS).delivered(), run.toLogLine());
            String unknownUser = SandboxUsers.userIdOf("A0007");
            assertEquals(without(harness.expectedPresenceByUser(), unknownUser), harness.actualPresenceByUser());
            assertEquals(without(harness.expectedRoutingStatusByUser(), unknownUser), harness.actualRoutingStatusByUser());
            List<DeadLetter> unmapped = harness.openDeadLetters();
            assertEquals(List.of(EventKind.PRESENCE, EventKind.ROUTING_STATUS), unmapped.stream().map(DeadLetter::kind)
                    .sorted().toList(), unmapped.toString());
            for (DeadLetter letter : unmapped) {
                assertEquals(DeadLetterReason.UNMAPPED, letter.reason());
                assertEquals("A0007", letter.agentId());
                assertTrue(letter.detail().startsWith("agent A0007: no Genesys user with email " + UNKNOWN
                        + " in the org's directory"), letter.detail());
            }

            // the new hire joins the org: the next read of the directory resolves the email, both kinds arrive
            harness.sandbox.genesys().addUser(new OrgUser(NEW_HIRE, "New Hire", UNKNOWN, UNKNOWN, "E9002"));
            harness.context().createProducerTemplate().sendBody("direct:directory-refresh", null);
            RunSummary next = harness.runOnce();

            assertEquals(1, next.of(EventKind.PRESENCE).delivered(), next.toLogLine());
            assertEquals(1, next.of(EventKind.ROUTING_STATUS).delivered(), next.toLogLine());
            assertEquals(harness.expectedPresenceByUser().get(unknownUser),
                    harness.sandbox.genesys().presenceOf(NEW_HIRE).orElseThrow().presenceDefinitionId());
            assertEquals(harness.expectedRoutingStatusByUser().get(unknownUser),
                    harness.sandbox.genesys().routingStatusOf(NEW_HIRE).orElseThrow().status());
            assertTrue(harness.openDeadLetters().isEmpty(), "both UNMAPPED entries closed once delivered");
        }
    }

    /**
     * The quick start's settings: the source by name, agents.csv by email (the first half) and
     * employee id (the rest, one email unknown to the org), states.csv by system presence with a
     * routing status.
     */
    private static Map<String, String> quickStartSettings(ConnectorHarness harness) throws IOException {
        List<String> agents = new ArrayList<>(List.of("legacyAgentId,email,employeeId"));
        for (int i = 0; i < AGENTS; i++) {
            String agent = SandboxUsers.agentId(i, AGENTS);
            agents.add(agent.equals("A0007") ? agent + "," + UNKNOWN + "," : i < AGENTS / 2
                    ? agent + "," + SandboxUsers.emailOf(agent) + "," : agent + ",," + SandboxUsers.employeeIdOf(agent));
        }
        Path agentsFile = harness.workDir.resolve("agents-by-email.csv");
        Files.write(agentsFile, agents);
        // the shipped states.csv's presences and routing statuses, each presence named as the org shows it
        Path statesFile = harness.workDir.resolve("states-by-name.csv");
        Files.write(statesFile, List.of("legacyState,reason,systemPresence,routingStatus,message",
                "READY,,Available,Idle,", "ON_CALL,,Busy,Interacting,On a call", "AFTER_CALL_WORK,,Busy,Interacting,"
                        + "After-call work", "NOT_READY,,Away,OffQueue,", "NOT_READY,BREAK,Break,OffQueue,",
                "NOT_READY,LUNCH,Meal,OffQueue,", "NOT_READY,TRAINING,Training,OffQueue,",
                "NOT_READY,MEETING,Meeting,OffQueue,", "LOGGED_OUT,,Offline,OffQueue,"));
        Map<String, String> settings = new HashMap<>();
        settings.put("genesys.presence-source-id", "");
        settings.put("genesys.presence-source-name", "wfm-agent-sync");
        settings.put("wfm.mapping.agents-file", agentsFile.toString());
        settings.put("wfm.mapping.states-file", statesFile.toString());
        settings.put("wfm.directory.run-wait-ms", "20000");
        return settings;
    }

    private static Map<String, String> without(Map<String, String> expected, String user) {
        return expected.entrySet().stream().filter(entry -> !entry.getKey().equals(user))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<String> row(String out, String kind) {
        return out.lines().filter(line -> line.startsWith(kind + " ")).findFirst()
                .map(line -> List.of(line.trim().split("\\s+"))).orElseThrow(() -> new AssertionError("no " + kind
                        + " row:\n" + out));
    }
}

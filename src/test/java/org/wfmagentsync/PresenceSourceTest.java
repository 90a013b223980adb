package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.PresenceSource;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;

/**
 * The presence source at start-up, against the sandbox's presence sources API over HTTP: a source
 * given by id is checked, one given by name is found or created; an answer that settles it the
 * wrong way fails the start saying what to do; no answer leaves it to the runs.
 */
class PresenceSourceTest {

    private static final String SANDBOX_SOURCE = SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID;
    private static final Map<String, String> BY_NAME_LEGACY_ACD = Map.of("genesys.presence-source-id", "",
            "genesys.presence-source-name", "Legacy ACD");

    @Test
    void a_configured_source_id_is_checked_at_start_up_and_the_start_up_lines_say_so() {
        try (CapturedLog log = CapturedLog.atDeploymentLevels(); ConnectorHarness harness = ConnectorHarness.start()) {
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("presence source 'wfm-agent-sync' ("
                    + SANDBOX_SOURCE + ") checked: it exists and is active")), String.join("\n", log.lines()));
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("  source:   presence source 'wfm-agent-sync' "
                    + SANDBOX_SOURCE + " (checked: it exists and is active)")), String.join("\n", log.lines()));
            assertEquals(250, harness.runOnce().delivered());
        }
    }

    @Test
    void an_id_that_is_no_source_of_the_org_fails_the_start_naming_it_and_the_source_the_org_has() {
        String unknown = "6f1c2a40-0000-4000-8000-00000000abcd";

        String message = startFails(sandbox -> { }, Map.of("genesys.presence-source-id", unknown));

        assertTrue(message.contains("GENESYS_PRESENCE_SOURCE_ID " + unknown + " is not a presence source of this org (GET"
                + " /api/v2/presence/sources/" + unknown + " answered HTTP 404 not.found"), message);
        assertTrue(message.contains("the org's active presence sources: 'wfm-agent-sync' (" + SANDBOX_SOURCE + ")"), message);
    }

    @Test
    void a_deactivated_source_fails_the_start() {
        String message = startFails(sandbox -> sandbox.genesys().deactivatePresenceSource(SANDBOX_SOURCE), Map.of());

        assertTrue(message.contains("presence source 'wfm-agent-sync' (" + SANDBOX_SOURCE + ") is deactivated, so Genesys"
                + " Cloud refuses events that name it"), message);
    }

    @Test
    void a_source_name_the_org_has_is_found_and_every_event_names_its_id() {
        try (ConnectorHarness harness = ConnectorHarness.start(settings -> { }, Map.of("genesys.presence-source-id", "",
                "genesys.presence-source-name", "WFM-Agent-Sync"))) {
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(250, run.delivered());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
            assertEquals(1, harness.sandbox.genesys().presenceSources().size(), "nothing created");
        }
    }

    @Test
    void a_source_name_the_org_lacks_is_created_once_and_every_event_names_it() {
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(settings -> { },
                        sandbox -> sandbox.genesys().deactivatePresenceSource(SANDBOX_SOURCE), BY_NAME_LEGACY_ACD)) {
            PresenceSource created = harness.sandbox.genesys().presenceSources().get(1);
            assertEquals("Legacy ACD", created.name());
            assertFalse(created.deactivated());
            assertEquals("Agent status from the legacy contact-center system, pushed by wfm-agent-sync",
                    created.description());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("presence source 'Legacy ACD' (" + created.id()
                    + ") created")), String.join("\n", log.lines()));

            RunSummary run = harness.runOnce();
            assertEquals(250, run.delivered(), run.toLogLine());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());

            harness.restartConnector();
            assertEquals(2, harness.sandbox.genesys().presenceSources().size(), "found by name after a restart, not made again");
        }
    }

    @Test
    void a_second_external_source_is_refused_and_the_start_names_the_one_the_org_has() {
        String message = startFails(sandbox -> { }, BY_NAME_LEGACY_ACD);

        assertTrue(message.contains("Genesys Cloud refused to create presence source 'Legacy ACD' (POST"
                + " /api/v2/presence/sources answered HTTP 409 presenceservice.source.toomanyactivesources"), message);
        assertTrue(message.contains("an org has one external presence source, and this one has 'wfm-agent-sync' ("
                + SANDBOX_SOURCE + "): use it (GENESYS_PRESENCE_SOURCE_NAME=wfm-agent-sync, or GENESYS_PRESENCE_SOURCE_ID="
                + SANDBOX_SOURCE + "), or deactivate it in Genesys Cloud first"), message);
    }

    @Test
    void a_role_without_presence_source_add_fails_the_start_naming_the_permission() {
        AtomicReference<Sandbox> org = new AtomicReference<>();
        String message = startFails(sandbox -> {
            org.set(sandbox);
            sandbox.genesys().deactivatePresenceSource(SANDBOX_SOURCE);
            sandbox.genesys().denyPermission("presence:source:add");
        }, BY_NAME_LEGACY_ACD);

        assertTrue(message.contains("the OAuth client's role lacks the permission presence:source:add (POST"
                + " /api/v2/presence/sources answered HTTP 403"), message);
        assertTrue(message.contains("or create the source in Genesys Cloud and set GENESYS_PRESENCE_SOURCE_NAME"), message);
        assertEquals(1, org.get().genesys().presenceSources().size());
    }

    @Test
    void a_role_without_presence_source_view_fails_the_start_naming_the_permission() {
        String message = startFails(sandbox -> sandbox.genesys().denyPermission("presence:source:view"), Map.of());

        assertTrue(message.contains("the OAuth client's role lacks the permission presence:source:view (GET"
                + " /api/v2/presence/sources/" + SANDBOX_SOURCE + " answered HTTP 403"), message);
    }

    @Test
    void both_an_id_and_a_name_are_refused() {
        String message = startFails(sandbox -> { }, Map.of("genesys.presence-source-name", "wfm-agent-sync"));

        assertTrue(message.contains("both GENESYS_PRESENCE_SOURCE_ID and GENESYS_PRESENCE_SOURCE_NAME are set"), message);
    }

    @Test
    void without_an_answer_at_start_up_a_name_is_looked_for_by_each_run_before_it_sends_anything() {
        try (ConnectorHarness harness = ConnectorHarness.start(settings -> { },
                sandbox -> sandbox.genesys().setTokenEndpointDown(true),
                Map.of("genesys.presence-source-id", "", "genesys.presence-source-name", "wfm-agent-sync"))) {
            RunSummary down = harness.runOnce();

            assertEquals(RunSummary.Outcome.FAILED, down.outcome());
            assertTrue(down.error().startsWith("presence source 'wfm-agent-sync' is not found or created yet: could not"
                    + " call GET /api/v2/presence/sources: login host answered HTTP 503 (temporarily_unavailable)"),
                    down.error());
            assertTrue(down.error().endsWith("nothing was sent, so nothing is lost: the next run looks again"), down.error());
            assertEquals(0, down.requests());
            assertTrue(harness.openDeadLetters().isEmpty());

            harness.sandbox.genesys().setTokenEndpointDown(false);
            RunSummary up = harness.runOnce();
            assertEquals(RunSummary.Outcome.SUCCEEDED, up.outcome(), up.toLogLine());
            assertEquals(250, up.delivered());
        }
    }

    @Test
    void without_an_answer_at_start_up_a_configured_id_is_used_unchecked() {
        try (CapturedLog log = CapturedLog.warnings(); ConnectorHarness harness = ConnectorHarness.start(settings -> { },
                sandbox -> sandbox.genesys().setTokenEndpointDown(true), Map.of())) {
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("presence source " + SANDBOX_SOURCE
                    + " is not checked: ") && line.contains("events name it unchecked")), String.join("\n", log.lines()));

            harness.sandbox.genesys().setTokenEndpointDown(false);
            assertEquals(250, harness.runOnce().delivered());
        }
    }

    /** The start's failure, every message of its causes; the sandbox is closed with the harness. */
    private static String startFails(Consumer<Sandbox> org, Map<String, String> properties) {
        Exception failure = assertThrows(Exception.class,
                () -> ConnectorHarness.start(settings -> { }, org, properties).close());
        return FullSyncTest.rootMessage(failure);
    }
}

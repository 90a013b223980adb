package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.PresenceDefinitions;
import org.wfmagentsync.sandbox.SandboxUsers;

/** A differently shaped legacy feed is adapted by editing the route file, as the README tells, not by rebuilding. */
class RouteFileAdaptationTest {

    @Test
    void a_feed_of_another_shape_is_adapted_with_a_jq_step_in_the_route_file() throws IOException {
        Path routes = Files.createTempDirectory("wfm-routes-");
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Path feedRoute = routes.resolve("legacy-feed.camel.yaml");
        String adapted = Files.readString(feedRoute).replace("""
                        - to:
                            uri: "{{legacy.agents-url}}"
                            parameters:
                              disableStreamCache: true
                """, """
                        - to:
                            uri: "{{legacy.agents-url}}"
                            parameters:
                              disableStreamCache: true
                        - transform:
                            jq: '{agents: [.users[] | {agentId: .id, state: .status, reason: null, changedAt: .since}]}'
                """);
        Files.writeString(feedRoute, adapted);

        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(2),
                Map.of("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml"))) {
            harness.sandbox.legacy().setRawBody("""
                    {"users":[{"id":"A0001","status":"READY","since":"2026-11-24T15:00:00Z"},
                              {"id":"A0002","status":"ON_CALL","since":"2026-11-24T15:01:00Z"}]}""");

            RunSummary run = harness.runOnce();

            assertEquals(2, run.delivered(), run.toLogLine());
            assertEquals(PresenceDefinitions.AVAILABLE,
                    harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf("A0001")).orElseThrow().presenceDefinitionId());
            assertEquals(PresenceDefinitions.BUSY,
                    harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf("A0002")).orElseThrow().presenceDefinitionId());
        }
    }
}

package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresenceDefinitionsAndUsersTest {

    @Test
    void definitionIdsAreNameBasedAndDistinct() {
        assertEquals(UUID.nameUUIDFromBytes("sandbox-presence:AVAILABLE".getBytes(StandardCharsets.UTF_8)).toString(),
                PresenceDefinitions.AVAILABLE);
        assertEquals(10, PresenceDefinitions.all().size());
        assertEquals(10, new HashSet<>(PresenceDefinitions.all().values()).size());
        assertEquals(PresenceDefinitions.ON_QUEUE, PresenceDefinitions.requireIdOf("on_queue"));
        assertEquals("MEAL", PresenceDefinitions.nameOf(PresenceDefinitions.MEAL).orElseThrow());
        assertTrue(PresenceDefinitions.isValid(PresenceDefinitions.OFFLINE.toUpperCase()));
        assertFalse(PresenceDefinitions.isValid(UUID.randomUUID().toString()));
        assertFalse(PresenceDefinitions.isValid(null));
        assertThrows(IllegalArgumentException.class, () -> PresenceDefinitions.requireIdOf("LUNCH"));
        assertEquals("OnQueue", PresenceDefinitions.systemPresenceOf("ON_QUEUE"));
        assertEquals("On Queue", PresenceDefinitions.labelOf("ON_QUEUE"));
    }

    @Test
    void agentIdsArePaddedToFourDigitsOrMore() {
        assertEquals("A0001", SandboxUsers.agentId(0, 2000));
        assertEquals("A9999", SandboxUsers.agentId(9998, 9999));
        assertEquals("A00001", SandboxUsers.agentId(0, 10000));
        assertEquals("A100000", SandboxUsers.agentId(99999, 100000));
    }

    @Test
    void eachAgentsUserHasAnEmailAUsernameAndAnEmployeeIdOfItsOwn() {
        assertEquals(new OrgUser(SandboxUsers.userIdOf("A0007"), "Agent A0007", "a0007@sandbox.example.com",
                "agent.a0007@sandbox.example.com", "E0007"), OrgUser.ofAgent("A0007"));
    }

    @Test
    void mappingCsvListsEveryAgentWithItsDeterministicUser(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/agents.csv");
        SandboxUsers.writeAgentMappingCsv(file, 3);
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("legacyAgentId,genesysUserId",
                "A0001," + SandboxUsers.userIdOf("A0001"),
                "A0002," + SandboxUsers.userIdOf("A0002"),
                "A0003," + SandboxUsers.userIdOf("A0003")), lines);
        assertEquals(UUID.nameUUIDFromBytes("sandbox-user:A0001".getBytes(StandardCharsets.UTF_8)).toString(),
                SandboxUsers.userIdOf("A0001"));
    }
}

package org.wfmagentsync.sandbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * Deterministic mapping from legacy agent ids to the sandbox's Genesys users: the user id, and the
 * email, username and employee id a connector may map the agent by instead (agent {@code A0007} is
 * {@code a0007@sandbox.example.com}, username {@code agent.a0007@sandbox.example.com}, employee
 * {@code E0007}).
 */
public final class SandboxUsers {

    private SandboxUsers() {
    }

    /** The legacy agent id of the agent at zero-based index {@code index} in a population of {@code agents}. */
    public static String agentId(int index, int agents) {
        return "A" + pad(index + 1, idDigits(agents));
    }

    /** The Genesys user id the sandbox assigns to a legacy agent id. */
    public static String userIdOf(String agentId) {
        // Name-based so the connector's mapping file and the simulator agree without sharing state.
        return UUID.nameUUIDFromBytes(("sandbox-user:" + agentId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The email of the sandbox user of a legacy agent id. */
    public static String emailOf(String agentId) {
        return agentId.toLowerCase(Locale.ROOT) + "@sandbox.example.com";
    }

    /** The username (the login) of the sandbox user of a legacy agent id; not the email, so the two can be told apart. */
    public static String usernameOf(String agentId) {
        return "agent." + agentId.toLowerCase(Locale.ROOT) + "@sandbox.example.com";
    }

    /** The employee id ({@code employerInfo.employeeId}) of the sandbox user of a legacy agent id: A0007 is E0007. */
    public static String employeeIdOf(String agentId) {
        return "E" + agentId.substring(1);
    }

    /** The display name of the sandbox user of a legacy agent id. */
    public static String nameOf(String agentId) {
        return "Agent " + agentId;
    }

    /** Writes {@code legacyAgentId,genesysUserId} with a header row and one row per agent A0001.. */
    public static void writeAgentMappingCsv(Path file, int agents) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("legacyAgentId,genesysUserId\n");
            for (int i = 0; i < agents; i++) {
                String agentId = agentId(i, agents);
                out.write(agentId);
                out.write(',');
                out.write(userIdOf(agentId));
                out.write('\n');
            }
        }
    }

    /** Digits used for agent numbers: four, or more once the population needs them. */
    static int idDigits(int agents) {
        return Math.max(4, Integer.toString(Math.max(agents, 1)).length());
    }

    private static String pad(int number, int digits) {
        String text = Integer.toString(number);
        return "0".repeat(Math.max(0, digits - text.length())) + text;
    }
}

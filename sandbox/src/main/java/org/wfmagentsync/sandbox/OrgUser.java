package org.wfmagentsync.sandbox;

import java.util.Objects;

/**
 * A user of the sandbox org, as {@code GET /api/v2/users} lists it: id, name, email, username and
 * employee id ({@code employerInfo.employeeId}). Every legacy agent has one ({@link #ofAgent});
 * {@link GenesysSimulator#addUser} adds more, e.g. a new hire a refresh should find.
 */
public record OrgUser(String id, String name, String email, String username, String employeeId) {

    public OrgUser {
        Objects.requireNonNull(id, "id");
    }

    /** The user the sandbox gives a legacy agent id (see {@link SandboxUsers}). */
    public static OrgUser ofAgent(String agentId) {
        return new OrgUser(SandboxUsers.userIdOf(agentId), SandboxUsers.nameOf(agentId), SandboxUsers.emailOf(agentId),
                SandboxUsers.usernameOf(agentId), SandboxUsers.employeeIdOf(agentId));
    }
}

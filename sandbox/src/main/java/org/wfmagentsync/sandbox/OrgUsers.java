package org.wfmagentsync.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sandbox org's users, in a stable order: one per legacy agent (made when asked for, so 100,000
 * agents cost nothing until listed), then those added later (an added user with an agent's user id
 * replaces it); a removed user is left out of the listing and its presence events are refused as an
 * unknown user.
 */
final class OrgUsers {

    private final int agents;
    private final List<OrgUser> added = new ArrayList<>();
    private final Set<String> removed = new HashSet<>();

    OrgUsers(int agents) {
        this.agents = agents;
    }

    /** Adds a user, or replaces the one with its id (an agent's user given another email, say). */
    synchronized void add(OrgUser user) {
        added.removeIf(existing -> existing.id().equals(user.id()));
        removed.add(user.id()); // an agent's own user of that id is replaced, not listed twice
        added.add(user);
    }

    /** Removes a user from the org; true when it was there. */
    synchronized boolean remove(String userId) {
        boolean present = all().stream().anyMatch(user -> user.id().equals(userId));
        if (present) {
            removed.add(userId);
            added.removeIf(user -> user.id().equals(userId));
        }
        return present;
    }

    synchronized boolean isRemoved(String userId) {
        return removed.contains(userId) && added.stream().noneMatch(user -> user.id().equals(userId));
    }

    /** Every user of the org now, in listing order. */
    synchronized List<OrgUser> all() {
        List<OrgUser> users = new ArrayList<>(agents + added.size());
        for (int i = 0; i < agents; i++) {
            OrgUser user = OrgUser.ofAgent(SandboxUsers.agentId(i, agents));
            if (!removed.contains(user.id())) {
                users.add(user);
            }
        }
        users.addAll(added);
        return users;
    }
}

package org.wfmagentsync.mapping;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wfmagentsync.directory.Directory;
import org.wfmagentsync.directory.UserKey;
import org.wfmagentsync.model.AgentState;

/**
 * One run's look-ups of what the mapping names by more than an id: an agent's user by email,
 * username or employee id, a state's presence definition by system presence or label, in the org's
 * directory as the run has it. What does not resolve gets the sentence its UNMAPPED dead letter
 * carries, naming what was looked up, where the mapping says so, and when the directory was read.
 */
final class OrgLookups {

    /** An id, or why there is none. */
    record Resolved(String id, String problem) {
    }

    private final Directory directory;
    private final Path agentsFile;
    private final Path statesFile;
    private final String legacyIdSetting;
    /** Many agents share a state: each named presence is looked up once a run. */
    private final Map<PresenceRef, Resolved> presences = new ConcurrentHashMap<>();

    /** {@code legacyIdSetting} names the setting that makes the legacy id the user's name, for messages. */
    OrgLookups(Directory directory, Path agentsFile, Path statesFile, String legacyIdSetting) {
        this.directory = directory;
        this.agentsFile = agentsFile;
        this.statesFile = statesFile;
        this.legacyIdSetting = legacyIdSetting;
    }

    /** The agent's Genesys Cloud user id. */
    Resolved user(AgentState agent, UserRef user) {
        if (!user.key().viaDirectory()) {
            return new Resolved(user.value(), null);
        }
        String named = user.key().words() + " " + user.value();
        String where = user.line() > 0 ? agentsFile + " line " + user.line() : "the legacy id, as " + legacyIdSetting
                + " says";
        Directory.Lookup found = directory.user(user.key(), user.value());
        String subject = "agent " + agent.agentId() + ": ";
        return switch (found.outcome()) {
            case FOUND -> new Resolved(found.id(), null);
            case NONE -> new Resolved(null, subject + "no Genesys user with " + named + " in the org's directory (refreshed "
                    + shown(found) + "; " + where + ")");
            case AMBIGUOUS -> new Resolved(null, subject + found.ids().size() + " Genesys users with " + named
                    + " in the org's directory (" + String.join(", ", found.ids()) + "; refreshed " + shown(found)
                    + "; " + where + "): map the agent by genesysUserId");
            default -> new Resolved(null, subject + "the Genesys user with " + named + " (" + where
                    + ") cannot be looked up: the org's users have not been read yet (" + found.unavailable() + ")");
        };
    }

    /** The presence definition id the state's row names. */
    Resolved presence(AgentState agent, PresenceRef presence) {
        if (!presence.key().viaDirectory()) {
            return new Resolved(presence.value(), null);
        }
        Resolved resolved = presences.computeIfAbsent(presence, this::lookUp);
        return resolved.id() != null ? resolved
                : new Resolved(null, "agent " + agent.agentId() + ": state '" + agent.stateKey() + "': " + resolved.problem());
    }

    private Resolved lookUp(PresenceRef presence) {
        String named = presence.key().words() + " '" + presence.value() + "'";
        String where = statesFile + " line " + presence.line();
        Directory.Lookup found = directory.presence(presence.key(), presence.value());
        return switch (found.outcome()) {
            case FOUND -> new Resolved(found.id(), null);
            case NONE -> new Resolved(null, "no presence definition with " + named + " in the org's presence definitions"
                    + " (refreshed " + shown(found) + "; " + where + ")");
            case AMBIGUOUS -> new Resolved(null, found.ids().size() + " presence definitions with " + named
                    + " in the org (" + String.join(", ", found.ids()) + "; refreshed " + shown(found) + "; "
                    + where + "): name it by presenceDefinitionId");
            case DEACTIVATED -> new Resolved(null, "the presence definition with " + named + " is deactivated in the org ("
                    + String.join(", ", found.ids()) + "; refreshed " + shown(found) + "; " + where + ")");
            default -> new Resolved(null, "the presence definition with " + named + " (" + where + ") cannot be looked"
                    + " up: the org's presence definitions have not been read yet (" + found.unavailable() + ")");
        };
    }

    private static String shown(Directory.Lookup found) {
        return found.refreshedAt() == null ? "never" : found.refreshedAt().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Whether the legacy id names users through the directory. */
    static boolean viaDirectory(UserKey legacyIdIs) {
        return legacyIdIs != null && legacyIdIs.viaDirectory();
    }
}

package org.wfmagentsync.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Reports the org's directory on {@code /observe/health} (check {@code org-directory}): UP and saying
 * so when the mapping names everything by id; UP with what it holds and when it was read; UP with a
 * message starting {@code DEGRADED:} when the last read failed and the last good directory is in use;
 * DOWN when a part the mapping needs was never read and the last read failed, since the agents and
 * states it names are dead-lettered until a read succeeds.
 */
public class DirectoryHealthCheck extends AbstractHealthCheck {

    private final OrgDirectory directory;

    public DirectoryHealthCheck(OrgDirectory directory) {
        super("wfm", "org-directory");
        this.directory = directory;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        OrgDirectory.Status status = directory.status();
        if (!status.inUse()) {
            builder.message("not in use: the mapping names users and presences by their ids");
            builder.up();
            return;
        }
        Directory held = status.directory();
        List<String> parts = new ArrayList<>();
        boolean unread = false;
        if (status.usersNeeded()) {
            unread |= held.usersRefreshedAt().isEmpty();
            parts.add(held.usersRefreshedAt().map(at -> held.userCount() + " users (read " + OrgDirectory.shown(at) + ")")
                    .orElse("users not read yet"));
            held.usersRefreshedAt().ifPresent(at -> builder.detail("users.readAt", at.toString()));
            builder.detail("users", held.userCount());
        }
        if (status.presencesNeeded()) {
            unread |= held.presencesRefreshedAt().isEmpty();
            parts.add(held.presencesRefreshedAt().map(at -> held.presenceCount() + " presence definitions (read "
                    + OrgDirectory.shown(at) + ")").orElse("presence definitions not read yet"));
            held.presencesRefreshedAt().ifPresent(at -> builder.detail("presences.readAt", at.toString()));
            builder.detail("presences", held.presenceCount());
        }
        String holds = String.join(", ", parts);
        if (status.readingSince() != null) {
            builder.detail("readingSince", status.readingSince().toString());
        }
        if (status.lastFailure() == null) {
            builder.message("org directory: " + holds + (status.readingSince() != null ? "; a read is under way since "
                    + OrgDirectory.shown(status.readingSince()) : ""));
            builder.up();
            return;
        }
        builder.detail("lastFailure", status.lastFailure());
        String failed = "the last read, at " + OrgDirectory.shown(status.lastFailureAt()) + ", failed: "
                + status.lastFailure();
        if (unread) {
            builder.message("org directory: " + holds + "; " + failed + "; agents and states it names are dead-lettered"
                    + " as UNMAPPED until a read succeeds");
            builder.down();
        } else {
            builder.message("DEGRADED: org directory: " + holds + "; " + failed + "; the last good directory stays in use");
            builder.up();
        }
    }
}

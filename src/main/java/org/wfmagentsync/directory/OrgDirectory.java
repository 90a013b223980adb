package org.wfmagentsync.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DirectoryUser;
import org.wfmagentsync.model.FailureRecord;
import org.wfmagentsync.model.PresenceDefinition;
import org.wfmagentsync.store.DirectoryStore;

/**
 * The org's directory for the mapping: the users and presence definitions of the last good read,
 * kept in the state database so that a restart maps at once. It is read only while the mapping
 * names a user or a presence by something other than its id, and always in the background, one read
 * at a time: at start-up, on the schedule ({@code routes/directory.camel.yaml}), when a run finds a
 * part never read or older than the refresh interval, and when Genesys Cloud answers an event with
 * an unknown user. A run waits for a read under way at most {@link DirectorySettings#runWait()}, then
 * maps with what it has: the last good directory, or none, which the mapping then names.
 */
public class OrgDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(OrgDirectory.class);

    /** What the directory holds and is doing, for the health check. */
    public record Status(boolean usersNeeded, boolean presencesNeeded, Directory directory, Instant readingSince,
            String lastFailure, Instant lastFailureAt) {

        public boolean inUse() {
            return usersNeeded || presencesNeeded;
        }
    }

    private final DirectoryStore store;
    private final DirectoryReader reader;
    private final Clock clock;
    private final DirectorySettings settings;
    private final Executor background;
    private volatile Directory current;

    // guarded by this
    private boolean usersNeeded;
    private boolean presencesNeeded;
    private CompletableFuture<Void> reading;
    private Instant readingSince;
    private Instant lastAttemptAt;
    private String lastFailure;
    private Instant lastFailureAt;
    /** Why a read was asked for that has not started yet (an unknown user, within the minimum interval). */
    private String asked;

    /** Starts from what the state database kept; {@code background} runs the reads (one thread is enough). */
    public OrgDirectory(DirectoryStore store, DirectoryReader reader, Clock clock, DirectorySettings settings,
            Executor background) {
        this.store = store;
        this.reader = reader;
        this.clock = clock;
        this.settings = settings;
        this.background = background;
        Directory kept = Directory.unread("it has not been read yet");
        var users = store.users();
        if (users.isPresent()) {
            kept = kept.withUsers(users.get().entries(), users.get().refreshedAt().toInstant());
        }
        var presences = store.presences();
        if (presences.isPresent()) {
            kept = kept.withPresences(presences.get().entries(), presences.get().refreshedAt().toInstant());
        }
        this.current = kept;
    }

    /** At start-up, what the mapping names by more than ids: the first read waits for {@link #connectorStarted()}. */
    public synchronized void startUp(boolean users, boolean presences) {
        usersNeeded = users;
        presencesNeeded = presences;
    }

    /** Once the routes run: a first read in the background, when the mapping needs a part missing or old. */
    public synchronized void connectorStarted() {
        String why = due(clock.instant());
        if (why != null) {
            LOG.info("the mapping names {}: reading the org's directory in the background ({})", usersNeeded
                    && presencesNeeded ? "agents by email, username or employee id and presences by system presence or"
                    + " label" : usersNeeded ? "agents by email, username or employee id"
                    : "presences by system presence or label", why);
            read(why);
        }
    }

    /**
     * The directory a run maps with, for what its mapping names: a read starts when one is due, and
     * one under way is waited for at most {@link DirectorySettings#runWait()}. A part that was never
     * read says why, for the dead letters to name; the log says so once per run.
     */
    public Directory forRun(boolean users, boolean presences) {
        if (!users && !presences) {
            synchronized (this) {
                usersNeeded = false;
                presencesNeeded = false;
            }
            return current;
        }
        CompletableFuture<Void> underWay;
        synchronized (this) {
            usersNeeded = users;
            presencesNeeded = presences;
            String why = due(clock.instant());
            if (why != null) {
                read(why);
            }
            underWay = reading;
        }
        boolean waitedOut = underWay != null && !await(underWay);
        Directory directory = explained(current);
        String missing = users && directory.usersRefreshedAt().isEmpty() ? "users"
                : presences && directory.presencesRefreshedAt().isEmpty() ? "presence definitions" : null;
        if (missing != null) {
            LOG.warn("the org's {} have not been read yet ({}): agents mapped by email, username or employee id, and"
                    + " states named by system presence or label, are dead-lettered as UNMAPPED in this run and"
                    + " delivered by the first run after the directory is read", missing,
                    missing.equals("users") ? directory.usersUnread() : directory.presencesUnread());
        } else if (waitedOut) {
            LOG.info("the org's directory is still being read after {} ms (wfm.directory.run-wait-ms): this run maps"
                    + " with the directory read at {}", settings.runWait().toMillis(), shown(oldest(directory, users,
                    presences)));
        }
        return directory;
    }

    /** A read now, unless one is under way (the schedule, {@code routes/directory.camel.yaml}); nothing while unused. */
    public synchronized void refreshInBackground() {
        if ((usersNeeded || presencesNeeded) && reading == null) {
            read("scheduled");
        }
    }

    /**
     * Told of every dead letter: an event Genesys Cloud refused because it does not know the user
     * (a per-event error with one of {@link DirectorySettings#unknownUserAnswers()}) asks for a read,
     * at most once per minimum interval, since the user may have been replaced in the org.
     */
    public void failureRecorded(FailureRecord failure) {
        if (failure.reason() != DeadLetterReason.EVENT_REJECTED || failure.detail() == null) {
            return;
        }
        String detail = failure.detail().toLowerCase(Locale.ROOT);
        if (settings.unknownUserAnswers().stream().noneMatch(answer -> detail.contains(answer.toLowerCase(Locale.ROOT)))) {
            return;
        }
        synchronized (this) {
            if (!usersNeeded || reading != null) {
                return;
            }
            asked = "Genesys Cloud did not know user " + failure.userId() + " of agent " + failure.agentId();
            if (retryAllowed(clock.instant())) {
                read(asked);
            }
        }
    }

    /** What the directory holds and is doing now. */
    public synchronized Status status() {
        return new Status(usersNeeded, presencesNeeded, explained(current), readingSince, lastFailure, lastFailureAt);
    }

    /** Why a read is due now, or null. */
    private String due(Instant now) {
        if (reading != null) {
            return null;
        }
        boolean unread = usersNeeded && current.usersRefreshedAt().isEmpty()
                || presencesNeeded && current.presencesRefreshedAt().isEmpty();
        if (!retryAllowed(now)) {
            return null;
        }
        if (unread) {
            return lastAttemptAt == null ? "first read" : "read again after a failure";
        }
        if (asked != null) {
            return asked;
        }
        Instant oldest = oldest(current, usersNeeded, presencesNeeded);
        return oldest != null && !now.isBefore(oldest.plus(settings.refreshInterval())) ? "older than the refresh interval"
                : null;
    }

    private boolean retryAllowed(Instant now) {
        return lastAttemptAt == null || !now.isBefore(lastAttemptAt.plus(settings.minInterval()));
    }

    /** Starts a read of the parts needed now, in the background. */
    private void read(String why) {
        Instant now = clock.instant();
        readingSince = now;
        lastAttemptAt = now;
        asked = null;
        boolean users = usersNeeded;
        boolean presences = presencesNeeded;
        try {
            reading = CompletableFuture.runAsync(() -> read(users, presences, why), background);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("org directory not read ({}): the connector is stopping", why);
            readingSince = null;
        }
    }

    /** One read: each part replaced whole when it is read in full; a part that fails keeps its last good version. */
    private void read(boolean users, boolean presences, String why) {
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        Directory next = current;
        try {
            if (users) {
                try {
                    List<DirectoryUser> read = reader.users();
                    Instant at = clock.instant();
                    store.replaceUsers(read, at.atOffset(ZoneOffset.UTC));
                    next = next.withUsers(read, at);
                } catch (DirectoryUnavailable e) {
                    failures.add(e.getMessage());
                } catch (RuntimeException e) {
                    failures.add("the users could not be read or kept: " + e.getMessage());
                }
            }
            if (presences) {
                try {
                    List<PresenceDefinition> read = reader.presences();
                    Instant at = clock.instant();
                    store.replacePresences(read, at.atOffset(ZoneOffset.UTC));
                    next = next.withPresences(read, at);
                } catch (DirectoryUnavailable e) {
                    failures.add(e.getMessage());
                } catch (RuntimeException e) {
                    failures.add("the presence definitions could not be read or kept: " + e.getMessage());
                }
            }
        } finally {
            current = next;
            synchronized (this) {
                reading = null;
                readingSince = null;
                lastFailure = failures.isEmpty() ? null : String.join("; ", failures);
                lastFailureAt = failures.isEmpty() ? null : clock.instant();
            }
        }
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (failures.isEmpty()) {
            LOG.info("org directory read ({}): {}{} in {} ms", why, users ? next.userCount() + " users" : "",
                    presences ? (users ? ", " : "") + next.presenceCount() + " presence definitions" : "", ms);
        } else {
            LOG.warn("org directory read ({}) failed: {}; {}", why, String.join("; ", failures),
                    users && next.usersRefreshedAt().isEmpty() || presences && next.presencesRefreshedAt().isEmpty()
                            ? "agents and states it would name are dead-lettered as UNMAPPED until a read succeeds"
                                    + " (the next try in " + settings.minInterval().toSeconds() + " s at the soonest)"
                            : "the directory read at " + shown(oldest(next, users, presences)) + " stays in use");
        }
    }

    /** Waits for a read under way, at most the run's bound; true when it ended in time. */
    private boolean await(CompletableFuture<Void> underWay) {
        try {
            underWay.get(settings.runWait().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The directory, each part never read saying why: a read under way, or the last one failing. */
    private synchronized Directory explained(Directory directory) {
        String why;
        if (reading != null) {
            why = "the read started at " + shown(readingSince) + " has not ended within wfm.directory.run-wait-ms ("
                    + settings.runWait().toMillis() + " ms)";
        } else if (lastFailure != null) {
            why = "the last read, at " + shown(lastFailureAt) + ", failed: " + lastFailure;
        } else {
            why = "it has not been read yet";
        }
        return directory.unreadBecause(why, why);
    }

    private static Instant oldest(Directory directory, boolean users, boolean presences) {
        Instant oldest = null;
        if (users && directory.usersRefreshedAt().isPresent()) {
            oldest = directory.usersRefreshedAt().get();
        }
        if (presences && directory.presencesRefreshedAt().isPresent()) {
            Instant at = directory.presencesRefreshedAt().get();
            oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
        }
        return oldest;
    }

    /** An instant as messages show it, to the second. */
    static String shown(Instant at) {
        return at == null ? "?" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

package org.wfmagentsync.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.wfmagentsync.model.DirectoryUser;
import org.wfmagentsync.model.PresenceDefinition;

/**
 * The org's directory as one run maps with it: the users and the presence definitions of the last
 * good refresh, each with when it was read, or why it is not there. Immutable; a refresh makes a new
 * one. Names are compared trimmed and in any case (an email is {@code A7@Example.com} or
 * {@code a7@example.com} alike).
 */
public final class Directory {

    /** What a look-up found. */
    public enum Outcome {
        /** Exactly one active entry: its id. */
        FOUND,
        /** No entry has that name. */
        NONE,
        /** More than one active entry has it: their ids. */
        AMBIGUOUS,
        /** Only deactivated entries have it (presence definitions): their ids. */
        DEACTIVATED,
        /** That part of the directory has not been read yet: {@link Lookup#unavailable()} says why. */
        UNAVAILABLE
    }

    /**
     * One look-up's answer.
     *
     * @param ids         the entries found (one when {@link Outcome#FOUND})
     * @param refreshedAt when the part looked in was read, null when it never was
     * @param unavailable why the part was never read, for {@link Outcome#UNAVAILABLE}
     */
    public record Lookup(Outcome outcome, List<String> ids, Instant refreshedAt, String unavailable) {

        public Lookup {
            ids = List.copyOf(ids);
        }

        /** The one id found, or null. */
        public String id() {
            return outcome == Outcome.FOUND ? ids.get(0) : null;
        }
    }

    /** One part of the directory: its entries when it was read, or why it was not. */
    private record Part<T>(List<T> entries, Instant refreshedAt, String unavailable) {
    }

    private final Part<DirectoryUser> users;
    private final Part<PresenceDefinition> presences;
    private final Map<UserKey, Map<String, List<String>>> usersBy = new EnumMap<>(UserKey.class);

    private Directory(Part<DirectoryUser> users, Part<PresenceDefinition> presences) {
        this.users = users;
        this.presences = presences;
        for (UserKey key : UserKey.values()) {
            usersBy.put(key, new HashMap<>());
        }
        for (DirectoryUser user : users.entries()) {
            index(UserKey.USER_ID, user.id(), user.id());
            index(UserKey.EMAIL, user.email(), user.id());
            index(UserKey.USERNAME, user.username(), user.id());
            index(UserKey.EMPLOYEE_ID, user.employeeId(), user.id());
        }
    }

    /** A directory with nothing read yet; {@code why} says why (for both parts). */
    public static Directory unread(String why) {
        return new Directory(new Part<>(List.of(), null, why), new Part<>(List.of(), null, why));
    }

    /** The same directory with these users, read at {@code at}. */
    public Directory withUsers(List<DirectoryUser> entries, Instant at) {
        return new Directory(new Part<>(List.copyOf(entries), at, null), presences);
    }

    /** The same directory with these presence definitions, read at {@code at}. */
    public Directory withPresences(List<PresenceDefinition> entries, Instant at) {
        return new Directory(users, new Part<>(List.copyOf(entries), at, null));
    }

    /** The same directory, saying {@code why} for each part that was never read. */
    public Directory unreadBecause(String usersWhy, String presencesWhy) {
        return new Directory(users.refreshedAt() == null ? new Part<>(List.of(), null, usersWhy) : users,
                presences.refreshedAt() == null ? new Part<>(List.of(), null, presencesWhy) : presences);
    }

    /** When the users were read, if ever. */
    public Optional<Instant> usersRefreshedAt() {
        return Optional.ofNullable(users.refreshedAt());
    }

    /** When the presence definitions were read, if ever. */
    public Optional<Instant> presencesRefreshedAt() {
        return Optional.ofNullable(presences.refreshedAt());
    }

    /** Why the users were never read, or null when they were. */
    public String usersUnread() {
        return users.unavailable();
    }

    /** Why the presence definitions were never read, or null when they were. */
    public String presencesUnread() {
        return presences.unavailable();
    }

    public int userCount() {
        return users.entries().size();
    }

    public int presenceCount() {
        return presences.entries().size();
    }

    /** The user the directory knows by this email, username or employee id (or id). */
    public Lookup user(UserKey key, String value) {
        if (users.refreshedAt() == null) {
            return new Lookup(Outcome.UNAVAILABLE, List.of(), null, users.unavailable());
        }
        List<String> ids = usersBy.get(key).getOrDefault(normal(value), List.of());
        return new Lookup(ids.isEmpty() ? Outcome.NONE : ids.size() == 1 ? Outcome.FOUND : Outcome.AMBIGUOUS, ids,
                users.refreshedAt(), null);
    }

    /**
     * The active presence definition with this system presence (Genesys Cloud's own definition of it,
     * type {@code System}) or this label (in any of its languages, or its name).
     */
    public Lookup presence(PresenceKey key, String value) {
        if (presences.refreshedAt() == null) {
            return new Lookup(Outcome.UNAVAILABLE, List.of(), null, presences.unavailable());
        }
        String wanted = normal(value);
        List<String> active = new ArrayList<>();
        List<String> deactivated = new ArrayList<>();
        for (PresenceDefinition definition : presences.entries()) {
            if (matches(definition, key, wanted)) {
                (definition.deactivated() ? deactivated : active).add(definition.id());
            }
        }
        Outcome outcome = active.size() == 1 ? Outcome.FOUND : active.size() > 1 ? Outcome.AMBIGUOUS
                : deactivated.isEmpty() ? Outcome.NONE : Outcome.DEACTIVATED;
        return new Lookup(outcome, active.isEmpty() ? deactivated : active, presences.refreshedAt(), null);
    }

    private static boolean matches(PresenceDefinition definition, PresenceKey key, String wanted) {
        return switch (key) {
            case DEFINITION_ID -> wanted.equals(normal(definition.id()));
            case SYSTEM_PRESENCE -> definition.system() && wanted.equals(normal(definition.systemPresence()));
            case LABEL -> wanted.equals(normal(definition.name()))
                    || definition.labels().values().stream().anyMatch(label -> wanted.equals(normal(label)));
        };
    }

    private void index(UserKey key, String value, String id) {
        if (value != null && !value.isBlank()) {
            List<String> ids = usersBy.get(key).computeIfAbsent(normal(value), name -> new ArrayList<>(1));
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
    }

    private static String normal(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}

package org.wfmagentsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.wfmagentsync.model.DirectoryUser;
import org.wfmagentsync.model.PresenceDefinition;

/**
 * The org's directory as the last good refresh read it (tables {@code directory_user},
 * {@code directory_presence}, {@code directory_presence_label}, {@code directory_refresh}): each part,
 * users or presence definitions, is replaced whole in one transaction, so a refresh that fails half
 * way leaves the previous one, and a restart starts from it.
 */
public class DirectoryStore {

    /** One part of the directory as it was read in full at {@code refreshedAt}. */
    public record Refreshed<T>(List<T> entries, OffsetDateTime refreshedAt) {

        public Refreshed {
            entries = List.copyOf(entries);
        }
    }

    private static final String USERS = "users";
    private static final String PRESENCES = "presences";

    private final DataSource dataSource;
    /** False for a dry run: it reads what a connector kept, and keeps nothing of its own. */
    private final boolean keeps;

    public DirectoryStore(DataSource dataSource) {
        this(dataSource, true);
    }

    private DirectoryStore(DataSource dataSource, boolean keeps) {
        this.dataSource = dataSource;
        this.keeps = keeps;
    }

    /** This store, reading what was kept and keeping no refresh (a dry run's: it stores nothing). */
    public DirectoryStore readingOnly() {
        return new DirectoryStore(dataSource, false);
    }

    /** The users of the last good refresh, if there was one. */
    public Optional<Refreshed<DirectoryUser>> users() {
        return Jdbc.inTransaction(dataSource, connection -> {
            OffsetDateTime at = refreshedAt(connection, USERS);
            if (at == null) {
                return Optional.empty();
            }
            List<DirectoryUser> users = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT user_id, name, email, username, employee_id FROM directory_user ORDER BY user_id");
                    var row = statement.executeQuery()) {
                while (row.next()) {
                    users.add(new DirectoryUser(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5)));
                }
            }
            return Optional.of(new Refreshed<>(users, at));
        });
    }

    /** The presence definitions of the last good refresh, if there was one. */
    public Optional<Refreshed<PresenceDefinition>> presences() {
        return Jdbc.inTransaction(dataSource, connection -> {
            OffsetDateTime at = refreshedAt(connection, PRESENCES);
            if (at == null) {
                return Optional.empty();
            }
            Map<String, Map<String, String>> labels = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT presence_definition_id, locale, label FROM directory_presence_label ORDER BY locale");
                    var row = statement.executeQuery()) {
                while (row.next()) {
                    labels.computeIfAbsent(row.getString(1), id -> new LinkedHashMap<>()).put(row.getString(2),
                            row.getString(3));
                }
            }
            List<PresenceDefinition> definitions = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT presence_definition_id, name, type,"
                    + " system_presence, deactivated FROM directory_presence ORDER BY presence_definition_id");
                    var row = statement.executeQuery()) {
                while (row.next()) {
                    definitions.add(new PresenceDefinition(row.getString(1), row.getString(2), row.getString(3),
                            labels.getOrDefault(row.getString(1), Map.of()), row.getString(4), row.getBoolean(5)));
                }
            }
            return Optional.of(new Refreshed<>(definitions, at));
        });
    }

    /** Replaces the users with those of a refresh read in full at {@code at}. */
    public void replaceUsers(List<DirectoryUser> users, OffsetDateTime at) {
        if (!keeps) {
            return;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM directory_user");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO directory_user (user_id, name,"
                            + " email, username, employee_id) VALUES (?, ?, ?, ?, ?)")) {
                delete.executeUpdate();
                for (DirectoryUser user : byId(users, DirectoryUser::id)) {
                    insert.setString(1, user.id());
                    insert.setString(2, user.name());
                    insert.setString(3, user.email());
                    insert.setString(4, user.username());
                    insert.setString(5, user.employeeId());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            refreshed(connection, USERS, at, byId(users, DirectoryUser::id).size());
            return null;
        });
    }

    /** Replaces the presence definitions with those of a refresh read in full at {@code at}. */
    public void replacePresences(List<PresenceDefinition> definitions, OffsetDateTime at) {
        if (!keeps) {
            return;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement deleteLabels = connection.prepareStatement("DELETE FROM directory_presence_label");
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM directory_presence");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO directory_presence"
                            + " (presence_definition_id, name, type, system_presence, deactivated) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement label = connection.prepareStatement("INSERT INTO directory_presence_label"
                            + " (presence_definition_id, locale, label) VALUES (?, ?, ?)")) {
                deleteLabels.executeUpdate();
                delete.executeUpdate();
                for (PresenceDefinition definition : byId(definitions, PresenceDefinition::id)) {
                    insert.setString(1, definition.id());
                    insert.setString(2, definition.name());
                    insert.setString(3, definition.type());
                    insert.setString(4, definition.systemPresence());
                    insert.setBoolean(5, definition.deactivated());
                    insert.addBatch();
                    for (Map.Entry<String, String> entry : definition.labels().entrySet()) {
                        label.setString(1, definition.id());
                        label.setString(2, entry.getKey());
                        label.setString(3, entry.getValue());
                        label.addBatch();
                    }
                }
                insert.executeBatch();
                label.executeBatch();
            }
            refreshed(connection, PRESENCES, at, byId(definitions, PresenceDefinition::id).size());
            return null;
        });
    }

    /** Each id once, the last one listed winning: a listing read page by page may list an entry twice. */
    private static <T> java.util.Collection<T> byId(List<T> entries, java.util.function.Function<T, String> id) {
        Map<String, T> unique = new LinkedHashMap<>();
        entries.forEach(entry -> unique.put(id.apply(entry), entry));
        return unique.values();
    }

    private static OffsetDateTime refreshedAt(Connection connection, String part) throws SQLException {
        return Jdbc.single(connection, "SELECT refreshed_at FROM directory_refresh WHERE part = ?",
                statement -> statement.setString(1, part), row -> row.getObject(1, OffsetDateTime.class));
    }

    private static void refreshed(Connection connection, String part, OffsetDateTime at, int entries)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM directory_refresh WHERE part = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO directory_refresh (part, refreshed_at, entries) VALUES (?, ?, ?)")) {
            delete.setString(1, part);
            delete.executeUpdate();
            insert.setString(1, part);
            insert.setObject(2, at);
            insert.setInt(3, entries);
            insert.executeUpdate();
        }
    }
}

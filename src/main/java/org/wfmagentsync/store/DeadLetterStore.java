package org.wfmagentsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterGroup;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventIds;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.model.Timestamps;

/**
 * The persistent dead-letter channel's storage (table {@code dead_letter}; the attempts of each entry
 * in {@link DeadLetterAttemptStore}, written in the same transaction). An event has at most one
 * entry that is not closed: failing again updates it (attempts, last attempt, reason) instead of
 * adding a twin. Event ids differ by kind, so presence and routing status have entries of their own.
 */
public class DeadLetterStore {

    static final int MAX_TEXT = 4000;
    private static final String NOT_CLOSED = "status IN ('OPEN', 'REPLAYING')";
    /** Reasons of updates that never reached Genesys Cloud: any newer delivery of the agent leaves them behind. */
    private static final String NOT_FROM_PUSH = "reason IN ('INVALID_RECORD', 'UNMAPPED')";

    private final DataSource dataSource;
    private final DeadLetterAttemptStore attemptStore;
    private final Clock clock;

    public DeadLetterStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.attemptStore = new DeadLetterAttemptStore(dataSource);
        this.clock = clock;
    }

    /**
     * Stores a failure and the attempts that led to it, in one transaction; returns the entry's id and
     * whether the entry is new to this run (see {@link Saved}).
     */
    public synchronized Saved save(DeadLetter entry, List<Attempt> attempts) {
        return Jdbc.inTransaction(dataSource, connection -> {
            // An entry a replay had claimed and that failed again is open again, and new to the replay's run.
            Saved existing = Jdbc.single(connection, "SELECT id, status FROM dead_letter WHERE event_id = ? AND "
                    + NOT_CLOSED, statement -> statement.setString(1, entry.eventId()),
                    row -> new Saved(row.getLong(1), DeadLetterStatus.REPLAYING.name().equals(row.getString(2))));
            Saved saved = existing == null ? new Saved(insert(connection, entry), true) : existing;
            if (existing != null) {
                update(connection, existing.id(), entry);
            }
            attemptStore.append(connection, saved.id(), attempts);
            return saved;
        });
    }

    public Optional<DeadLetter> find(long id) {
        return Jdbc.query(dataSource, "SELECT * FROM dead_letter WHERE id = ?", statement -> statement.setLong(1, id),
                DeadLetterStore::read).stream().findFirst();
    }

    /** The entry's attempts, first to last. */
    public List<Attempt> attempts(long id) {
        return attemptStore.of(id);
    }

    /** One page of entries matching the query, newest first, and how many match in all. */
    public DeadLetterPage page(DeadLetterQuery query) {
        Where where = Where.of(query);
        long total = Jdbc.query(dataSource, "SELECT COUNT(*) FROM dead_letter" + where.sql, where::bind,
                row -> row.getLong(1)).get(0);
        List<DeadLetter> items = Jdbc.query(dataSource, "SELECT * FROM dead_letter" + where.sql
                + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", statement -> {
                    int next = where.bind(statement);
                    statement.setInt(next, query.offset());
                    statement.setInt(next + 1, query.limit());
                }, DeadLetterStore::read);
        return new DeadLetterPage(total, query.limit(), query.offset(), items);
    }

    /** Ids of every entry matching the query (paging ignored), oldest first. */
    public List<Long> ids(DeadLetterQuery query) {
        Where where = Where.of(query);
        return Jdbc.query(dataSource, "SELECT id FROM dead_letter" + where.sql + " ORDER BY id", where::bind,
                row -> row.getLong(1));
    }

    public List<DeadLetter> listOpen(int limit) {
        return page(DeadLetterQuery.openEntries().withPage(limit, 0)).items();
    }

    public List<DeadLetter> listAll(int limit) {
        return page(new DeadLetterQuery(null, null, null, null, null, true, null, null, limit, 0)).items();
    }

    public Map<DeadLetterReason, Long> openCountByReason() {
        Map<DeadLetterReason, Long> counts = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counts.put(reason, 0L);
        }
        Jdbc.query(dataSource, "SELECT reason, COUNT(*) FROM dead_letter WHERE status = 'OPEN' GROUP BY reason",
                statement -> { }, row -> counts.put(DeadLetterReason.valueOf(row.getString(1)), row.getLong(2)));
        return counts;
    }

    /** Open entries by reason and kind of event (null: an update that never became an event). */
    public Map<DeadLetterGroup, Long> openCounts() {
        Map<DeadLetterGroup, Long> counts = new HashMap<>();
        Jdbc.query(dataSource, "SELECT reason, kind, COUNT(*) FROM dead_letter WHERE status = 'OPEN' GROUP BY reason, kind",
                statement -> { }, row -> counts.put(new DeadLetterGroup(DeadLetterReason.valueOf(row.getString(1)),
                        kind(row.getString(2))), row.getLong(3)));
        return counts;
    }

    /** Entries not closed: open, or claimed by a replay that has not ended (the open depth a run summary reports). */
    public long openCount() {
        return Jdbc.query(dataSource, "SELECT COUNT(*) FROM dead_letter WHERE " + NOT_CLOSED, statement -> { },
                row -> row.getLong(1)).get(0);
    }

    /** Open entries of these reasons, by event id: a normal run leaves them to replay. */
    public List<String> openEventIds(List<DeadLetterReason> reasons) {
        if (reasons.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", reasons.stream().map(reason -> "'" + reason.name() + "'").toList());
        return Jdbc.query(dataSource, "SELECT event_id FROM dead_letter WHERE status = 'OPEN' AND reason IN (" + in + ")",
                statement -> { }, row -> row.getString(1));
    }

    /** The agent's entries of this kind that are not closed. */
    public List<DeadLetter> openOfAgent(String agentId, EventKind kind) {
        return Jdbc.query(dataSource, "SELECT * FROM dead_letter WHERE agent_id = ? AND kind = ? AND " + NOT_CLOSED,
                statement -> {
                    statement.setString(1, agentId);
                    statement.setString(2, kind.name());
                }, DeadLetterStore::read);
    }

    /**
     * The open entries from the push (Genesys Cloud saw, or may have seen, their event), per agent and
     * kind: the latest event time among them. What Genesys Cloud holds for such an agent is not known
     * for sure, so the delta sends a newer state even when it equals the delivered one.
     */
    public Map<String, OffsetDateTime> latestOpenFromPush(EventKind kind) {
        Map<String, OffsetDateTime> latest = new HashMap<>();
        Jdbc.query(dataSource, "SELECT agent_id, MAX(event_time) FROM dead_letter WHERE kind = ? AND status = 'OPEN'"
                + " AND NOT " + NOT_FROM_PUSH + " AND agent_id IS NOT NULL AND event_time IS NOT NULL GROUP BY agent_id",
                statement -> statement.setString(1, kind.name()),
                row -> latest.put(row.getString(1), row.getObject(2, OffsetDateTime.class)));
        return latest;
    }

    /** Whether any entry of an update Genesys Cloud failed (a push reason) is open: if none, a run need not look any up. */
    public boolean anyOpenFromPush() {
        return !Jdbc.query(dataSource, "SELECT 1 FROM dead_letter WHERE status = 'OPEN' AND NOT " + NOT_FROM_PUSH
                + " FETCH FIRST 1 ROWS ONLY", statement -> { }, row -> row.getInt(1)).isEmpty();
    }

    /** {@link #latestOpenFromPush(EventKind)} for these agents only, every kind. */
    public Map<EventKind, Map<String, OffsetDateTime>> latestOpenFromPush(Collection<String> agentIds) {
        Map<EventKind, Map<String, OffsetDateTime>> latest = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            latest.put(kind, new HashMap<>());
        }
        if (agentIds.isEmpty()) {
            return latest;
        }
        List<String> ids = List.copyOf(agentIds);
        Jdbc.query(dataSource, "SELECT agent_id, kind, MAX(event_time) FROM dead_letter WHERE status = 'OPEN' AND NOT "
                + NOT_FROM_PUSH + " AND kind IS NOT NULL AND event_time IS NOT NULL AND agent_id IN ("
                + Jdbc.placeholders(ids.size()) + ") GROUP BY agent_id, kind", statement -> Jdbc.bindAll(statement, ids),
                row -> latest.get(EventKind.valueOf(row.getString(2))).put(row.getString(1),
                        row.getObject(3, OffsetDateTime.class)));
        return latest;
    }

    /** {@link #openEventIds(List)} among these event ids only. */
    public Set<String> openEventIds(List<DeadLetterReason> reasons, Collection<String> eventIds) {
        if (reasons.isEmpty() || eventIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = List.copyOf(eventIds);
        String in = String.join(", ", reasons.stream().map(reason -> "'" + reason.name() + "'").toList());
        return new HashSet<>(Jdbc.query(dataSource, "SELECT event_id FROM dead_letter WHERE status = 'OPEN' AND reason IN ("
                + in + ") AND event_id IN (" + Jdbc.placeholders(ids.size()) + ")", statement -> Jdbc.bindAll(statement, ids),
                row -> row.getString(1)));
    }

    /** Takes an open entry for a replay; false when it is not open (closed, or another replay has it). */
    public boolean claim(long id) {
        return Jdbc.update(dataSource, "UPDATE dead_letter SET status = 'REPLAYING' WHERE id = ? AND status = 'OPEN'",
                statement -> statement.setLong(1, id)) == 1;
    }

    /** Gives back entries a replay claimed but neither delivered nor failed again (it stopped early). */
    public void release(List<Long> ids) {
        for (long id : ids) {
            Jdbc.update(dataSource, "UPDATE dead_letter SET status = 'OPEN' WHERE id = ? AND status = 'REPLAYING'",
                    statement -> statement.setLong(1, id));
        }
    }

    /** Closes an entry by hand or by a rule; only entries that are not closed can be. */
    public boolean close(long id, DeadLetterStatus status, String note) {
        return Jdbc.update(dataSource, "UPDATE dead_letter SET status = ?, closed_at = ?, close_note = ? WHERE id = ? AND "
                + NOT_CLOSED, statement -> {
                    statement.setString(1, status.name());
                    statement.setObject(2, OffsetDateTime.now(clock));
                    statement.setString(3, note);
                    statement.setLong(4, id);
                }) == 1;
    }

    /**
     * Closes the entries of agents whose state was just delivered: the same event becomes
     * {@code REPLAYED} or {@code DELIVERED}, an older one of the agent and kind {@code SUPERSEDED}. An
     * entry that never reached Genesys Cloud (a bad row, an unmapped agent or state) is superseded by a
     * delivery of either kind of another change: the agent has moved on. An entry of the same change is
     * never superseded by it: one that is not an event of any kind yet (a state with no row, kept under
     * the presence id) is delivered by either kind's delivery, one of the other kind stays open until
     * that kind is delivered, whichever of the two requests is answered first. Runs in the caller's transaction, the one that records the delivery.
     */
    public void resolveDelivered(Connection connection, List<StatusEvent> delivered) throws SQLException {
        if (delivered.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Usually nothing is open: one indexed look instead of two updates per delivered event.
        try (PreparedStatement anyOpen = connection.prepareStatement("SELECT 1 FROM dead_letter WHERE " + NOT_CLOSED
                + " FETCH FIRST 1 ROWS ONLY"); ResultSet open = anyOpen.executeQuery()) {
            if (!open.next()) {
                return;
            }
        }
        try (PreparedStatement same = connection.prepareStatement("UPDATE dead_letter SET closed_at = ?,"
                + " status = CASE WHEN status = 'REPLAYING' THEN 'REPLAYED' ELSE 'DELIVERED' END,"
                + " close_note = 'delivered' WHERE (event_id = ? OR (kind IS NULL AND event_id = ?)) AND " + NOT_CLOSED);
             PreparedStatement older = connection.prepareStatement("UPDATE dead_letter SET closed_at = ?,"
                     + " status = 'SUPERSEDED', close_note = ? WHERE agent_id = ? AND event_id NOT IN (?, ?) AND "
                     + NOT_CLOSED + " AND (event_time IS NULL OR event_time <= ?) AND (kind = ? OR kind IS NULL OR "
                     + NOT_FROM_PUSH + ")")) {
            for (StatusEvent event : delivered) {
                // the same change's ids of both kinds: an entry of the same change is never superseded by it
                String presence = EventIds.sameChange(event, EventKind.PRESENCE);
                String routingStatus = EventIds.sameChange(event, EventKind.ROUTING_STATUS);
                same.setObject(1, now);
                same.setString(2, event.eventId());
                same.setString(3, presence);
                same.addBatch();
                older.setObject(1, now);
                older.setString(2, "newer state delivered: event " + event.eventId() + " of " + event.eventDateTime());
                older.setString(3, event.agentId());
                older.setString(4, presence);
                older.setString(5, routingStatus);
                older.setObject(6, Timestamps.parse(event.eventDateTime()));
                older.setString(7, event.kind().name());
                older.addBatch();
            }
            same.executeBatch();
            older.executeBatch();
        }
    }

    /**
     * The entries a run started at {@code startedAt} dead-lettered anew, as its summary counts them: those
     * it opened, and those it sent again and saw fail again (a replay, re-drive); not those it only
     * updated, still open from before (an unmapped agent every run re-reads). And the last time it
     * wrote any entry.
     */
    public Recorded deadLetteredBy(String runId, OffsetDateTime startedAt) {
        return Jdbc.query(dataSource, "SELECT COUNT(CASE WHEN d.first_attempt_at >= ? OR EXISTS (SELECT 1 FROM"
                + " dead_letter_attempt a WHERE a.dead_letter_id = d.id AND a.run_id = d.run_id) THEN 1 END),"
                + " MAX(d.last_attempt_at) FROM dead_letter d WHERE d.run_id = ?", statement -> {
                    // to the millisecond: the column keeps microseconds, the run's start has nanoseconds
                    statement.setObject(1, startedAt.truncatedTo(ChronoUnit.MILLIS));
                    statement.setString(2, runId);
                }, row -> new Recorded(row.getLong(1), row.getObject(2, OffsetDateTime.class))).get(0);
    }

    /** As {@link #deadLetteredBy}, the count of each kind (entries that never became an event are left out). */
    public Map<EventKind, Long> deadLetteredByKind(String runId, OffsetDateTime startedAt) {
        Map<EventKind, Long> counts = new HashMap<>();
        Jdbc.query(dataSource, "SELECT d.kind, COUNT(CASE WHEN d.first_attempt_at >= ? OR EXISTS (SELECT 1 FROM"
                + " dead_letter_attempt a WHERE a.dead_letter_id = d.id AND a.run_id = d.run_id) THEN 1 END)"
                + " FROM dead_letter d WHERE d.run_id = ? AND d.kind IS NOT NULL GROUP BY d.kind", statement -> {
                    statement.setObject(1, startedAt.truncatedTo(ChronoUnit.MILLIS));
                    statement.setString(2, runId);
                }, row -> counts.put(EventKind.valueOf(row.getString(1)), row.getLong(2)));
        return counts;
    }

    /**
     * Gives back, at start-up, the entries a replay had claimed when the process died: nothing else
     * would ever release them, and a replay can only take open entries. Returns how many.
     */
    public int releaseAbandonedClaims() {
        return Jdbc.update(dataSource, "UPDATE dead_letter SET status = 'OPEN' WHERE status = 'REPLAYING'", statement -> { });
    }

    private static long insert(Connection connection, DeadLetter entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO dead_letter (event_id, agent_id, user_id,"
                + " reason, detail, http_status, response_body, event_json, attempts, first_attempt_at, last_attempt_at,"
                + " run_id, status, event_time, state_key, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)",
                new String[] {"id"})) {
            statement.setString(1, entry.eventId());
            statement.setString(2, entry.agentId());
            statement.setString(3, entry.userId());
            statement.setString(4, entry.reason().name());
            statement.setString(5, cut(entry.detail(), 2000));
            Jdbc.setNullable(statement, 6, entry.httpStatus());
            statement.setString(7, cut(entry.responseBody(), MAX_TEXT));
            statement.setString(8, entry.eventJson());
            statement.setInt(9, entry.attempts());
            statement.setObject(10, entry.firstAttemptAt());
            statement.setObject(11, entry.lastAttemptAt());
            statement.setString(12, entry.runId());
            statement.setObject(13, entry.eventTime());
            statement.setString(14, entry.stateKey());
            statement.setString(15, entry.kind() == null ? null : entry.kind().name());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void update(Connection connection, long id, DeadLetter entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE dead_letter SET reason = ?, detail = ?,"
                + " http_status = ?, response_body = ?, attempts = attempts + ?, last_attempt_at = ?, run_id = ?,"
                + " status = 'OPEN' WHERE id = ?")) {
            statement.setString(1, entry.reason().name());
            statement.setString(2, cut(entry.detail(), 2000));
            Jdbc.setNullable(statement, 3, entry.httpStatus());
            statement.setString(4, cut(entry.responseBody(), MAX_TEXT));
            statement.setInt(5, entry.attempts());
            statement.setObject(6, entry.lastAttemptAt());
            statement.setString(7, entry.runId());
            statement.setLong(8, id);
            statement.executeUpdate();
        }
    }

    static DeadLetter read(ResultSet row) throws SQLException {
        int status = row.getInt("http_status");
        Integer httpStatus = row.wasNull() ? null : status;
        return new DeadLetter(row.getLong("id"), kind(row.getString("kind")), row.getString("event_id"),
                row.getString("agent_id"),
                row.getString("user_id"), DeadLetterReason.valueOf(row.getString("reason")), row.getString("detail"),
                httpStatus, row.getString("response_body"), row.getString("event_json"), row.getString("state_key"),
                row.getObject("event_time", OffsetDateTime.class), row.getInt("attempts"),
                row.getObject("first_attempt_at", OffsetDateTime.class),
                row.getObject("last_attempt_at", OffsetDateTime.class), row.getString("run_id"),
                DeadLetterStatus.valueOf(row.getString("status")), row.getObject("closed_at", OffsetDateTime.class),
                row.getString("close_note"));
    }

    private static EventKind kind(String name) {
        return name == null ? null : EventKind.valueOf(name);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** The WHERE clause of a query and its parameters, in order. */
    private record Where(String sql, List<Object> values) {
        static Where of(DeadLetterQuery query) {
            List<String> conditions = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            add(conditions, values, "status = ?", query.anyStatus() ? null : query.status().name());
            add(conditions, values, "reason = ?", query.reason() == null ? null : query.reason().name());
            add(conditions, values, "kind = ?", query.kind() == null ? null : query.kind().name());
            add(conditions, values, "agent_id = ?", query.agentId());
            add(conditions, values, "http_status = ?", query.httpStatus());
            add(conditions, values, "last_attempt_at >= ?", query.since());
            add(conditions, values, "last_attempt_at < ?", query.until());
            return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), values);
        }

        private static void add(List<String> conditions, List<Object> values, String condition, Object value) {
            if (value != null) {
                conditions.add(condition);
                values.add(value);
            }
        }

        /** Binds the values; returns the next free parameter index. */
        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Object value : values) {
                statement.setObject(index++, value);
            }
            return index;
        }
    }
}

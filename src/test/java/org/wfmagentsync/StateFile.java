package org.wfmagentsync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stopped connector left in its state database, read straight from the file with plain
 * JDBC (the connector process is gone, so nothing of it can tidy up first).
 *
 * @param deliveredEventIds agent id to the event id the connector recorded as delivered
 * @param deliveredChanges  agent id to when that delivered state changed in the legacy system
 * @param deadLetters       every dead-letter entry
 * @param runs              every kept run: id, outcome and the stored summary
 */
record StateFile(Map<String, String> deliveredEventIds, Map<String, Instant> deliveredChanges, List<Entry> deadLetters,
        List<Run> runs) {

    /** One dead-letter row. */
    record Entry(long id, String eventId, String agentId, String reason, String status, String detail, int attempts) {
    }

    /** One run-summary row. */
    record Run(String runId, String outcome, String summaryJson) {
    }

    static StateFile read(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement statement = connection.createStatement()) {
            Map<String, String> delivered = new HashMap<>();
            Map<String, Instant> changes = new HashMap<>();
            try (ResultSet row = statement.executeQuery("SELECT agent_id, event_id, changed_at FROM delivered_state")) {
                while (row.next()) {
                    delivered.put(row.getString(1), row.getString(2));
                    changes.put(row.getString(1), row.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet row = statement.executeQuery(
                    "SELECT id, event_id, agent_id, reason, status, detail, attempts FROM dead_letter ORDER BY id")) {
                while (row.next()) {
                    entries.add(new Entry(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getString(6), row.getInt(7)));
                }
            }
            List<Run> runs = new ArrayList<>();
            try (ResultSet row = statement.executeQuery(
                    "SELECT run_id, outcome, summary_json FROM run_summary ORDER BY started_at")) {
                while (row.next()) {
                    runs.add(new Run(row.getString(1), row.getString(2), row.getString(3)));
                }
            }
            return new StateFile(delivered, changes, entries, runs);
        } catch (SQLException e) {
            throw new AssertionError("cannot read the state database " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }
}

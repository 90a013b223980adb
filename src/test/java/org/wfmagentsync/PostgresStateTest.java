package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.store.EmbeddedPostgresServer;

/**
 * The connector with {@code wfm.db.url=jdbc:postgresql://...}: the real routes and configuration,
 * its state in a real PostgreSQL (a database of its own on the embedded server, owned by a role that
 * is not a superuser), its schema created by Flyway at start.
 */
class PostgresStateTest {

    @Test
    void a_connector_on_postgresql_syncs_in_full_and_a_restart_keeps_its_delivered_baseline_and_dead_letters()
            throws SQLException {
        EmbeddedPostgresServer.Account database = EmbeddedPostgresServer.newDatabase();
        try (CapturedLog log = CapturedLog.atDeploymentLevels();
             ConnectorHarness harness = ConnectorHarness.start(sandbox -> { }, Map.of("wfm.db.url", database.url(),
                     "wfm.db.user", database.user(), "wfm.db.password", database.password(),
                     "wfm.push.max-concurrent", "1"))) {
            RunSummary full = harness.runOnce();
            assertEquals(RunSummary.Outcome.SUCCEEDED, full.outcome(), full.toLogLine());
            assertEquals(250, full.delivered());
            assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());

            harness.sandbox.legacy().changeAgents(17);
            harness.sandbox.genesys().failNextRequests(1, 422, "invalid.value", Map.of());
            harness.runOnce();
            List<DeadLetter> before = harness.openDeadLetters();
            assertEquals(17, before.size());
            assertEquals(DeadLetterReason.REJECTED, before.get(0).reason());

            harness.restartConnector();

            assertEquals(before, harness.openDeadLetters(), "every field of every entry is back after the restart");
            RunSummary next = harness.runOnce();
            assertEquals(0, next.delivered(), "the delivered baseline survived: nothing is sent again " + next.toLogLine());
            assertEquals(17, harness.openDeadLetters().size(), "the refused batch waits for a replay");
            assertEquals(250, count(database, "SELECT COUNT(*) FROM delivered_state WHERE kind = 'PRESENCE'"),
                    "the state is in PostgreSQL");
            assertEquals(17, count(database, "SELECT COUNT(*) FROM dead_letter WHERE status = 'OPEN'"));
            assertEquals(3, count(database, "SELECT COUNT(*) FROM run_summary"));
            assertTrue(log.anyLineContains("state:", database.url()), "the start-up summary names the database");
            assertFalse(log.anyLineContains(EmbeddedPostgresServer.PASSWORD), "the password is in no log line");
        }
    }

    private static long count(EmbeddedPostgresServer.Account database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}

package org.wfmagentsync.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.model.Attempt;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.model.StatusEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Databases already installed were migrated from {@code classpath:db/migration}, before the
 * migrations moved to one folder per vendor; their {@code flyway_schema_history} holds the
 * checksums of those files, and Flyway refuses to start on a database whose recorded checksum
 * differs from its migration's. {@code src/test/resources/released-schema/db/migration} holds the
 * two files exactly as released (from git, before the move).
 */
class ReleasedSchemaCompatibilityTest {

    /** The checksums Flyway recorded for V1 and V2 in every installation. */
    static final List<String> RELEASED = List.of("1 V1__state_dead_letters_runs.sql 179364079",
            "2 V2__dead_letter_audit.sql -1667789851");
    static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path dir;

    @Test
    void a_database_created_by_the_released_layout_opens_validates_and_keeps_its_data() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("state");
        JdbcDataSource released = migrateAsReleased(url, "classpath:released-schema/db/migration");
        assertEquals(RELEASED, history(url));
        DeadLetterStore oldLetters = new DeadLetterStore(released, Clock.systemUTC());
        long entry = oldLetters.save(DeadLetter.open("e1", "A1", "user-A1", DeadLetterReason.REJECTED, "HTTP 400", 400,
                "{}", "{\"eventId\":\"e1\"}", "BREAK", T, 1, T, T, "run-1"),
                List.of(new Attempt(1, T, 400, "HTTP 400 bad presence", "run-1"))).id();
        StatusEvent delivered = StatusEvent.presence("e2", T.toString(), "user-A2", "source", "p-available", null, "A2",
                "AVAILABLE");
        new DeliveredStateStore(released, Clock.systemUTC()).recordDelivery(List.of(delivered), oldLetters);
        RunSummary run = new RunSummary("run-1", "sync", T, T.plusSeconds(9), RunSummary.Outcome.PARTIAL, null, 2, 2, 2,
                1, 0, 0, 0, 1, 1, 1L, 9_000, 10, 10, 10, 10, 0, 100, 0);
        new RunSummaryStore(released, JSON, 10).save(run);

        try (Database database = Database.open(url, "sa", "")) {
            assertEquals(RELEASED, history(url).subList(0, RELEASED.size()), "validated, nothing re-applied or repaired"
                    + " (later migrations come after them)");
            DeadLetterStore letters = new DeadLetterStore(database.dataSource(), Clock.systemUTC());
            assertEquals("{\"eventId\":\"e1\"}", letters.find(entry).orElseThrow().eventJson());
            assertEquals(List.of("HTTP 400 bad presence"), letters.attempts(entry).stream().map(Attempt::outcome).toList());
            DeliveredStateStore states = new DeliveredStateStore(database.dataSource(), Clock.systemUTC());
            assertEquals(DeliveredStateStore.fingerprint(delivered), states.deliveredStates().get("A2"));
            assertEquals(Optional.of(T.toInstant()), states.deliveredChangeOf("A2").map(OffsetDateTime::toInstant));
            assertEquals(List.of(run), new RunSummaryStore(database.dataSource(), JSON, 10).latest(10));
        }
    }

    @Test
    void a_database_whose_recorded_checksum_differs_is_refused_so_the_test_above_can_fail() throws IOException {
        Path changed = Files.createDirectories(dir.resolve("changed"));
        for (String file : List.of("V1__state_dead_letters_runs.sql", "V2__dead_letter_audit.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/released-schema/db/migration/" + file)) {
                Files.write(changed.resolve(file), in.readAllBytes());
            }
        }
        Files.writeString(changed.resolve("V2__dead_letter_audit.sql"), "-- one comment more\n",
                StandardOpenOption.APPEND);
        String url = "jdbc:h2:file:" + dir.resolve("state");
        migrateAsReleased(url, "filesystem:" + changed);

        FlywayValidateException refused = assertThrows(FlywayValidateException.class, () -> Database.open(url, "sa", ""));
        assertTrue(refused.getMessage().contains("checksum mismatch for migration version 2"), refused.getMessage());
    }

    /** The database as the connector before the move created it: Flyway over the released files at one location. */
    private static JdbcDataSource migrateAsReleased(String url, String location) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations(location).load().migrate();
        return dataSource;
    }

    private static List<String> history(String url) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet row = connection.createStatement().executeQuery("SELECT \"version\", \"script\", \"checksum\""
                     + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (row.next()) {
                rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getInt(3));
            }
        }
        return rows;
    }
}

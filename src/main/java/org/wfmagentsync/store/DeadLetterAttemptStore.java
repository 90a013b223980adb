package org.wfmagentsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.wfmagentsync.model.Attempt;

/** Every attempt of a dead-lettered event, numbered 1, 2, ... per entry across the runs that tried it. */
final class DeadLetterAttemptStore {

    private final DataSource dataSource;

    DeadLetterAttemptStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds attempts to an entry, numbered on from those it has; in the caller's transaction, the one that saves the entry. */
    void append(Connection connection, long deadLetterId, List<Attempt> attempts) throws SQLException {
        int number = Jdbc.single(connection, "SELECT COUNT(*) FROM dead_letter_attempt WHERE dead_letter_id = ?",
                statement -> statement.setLong(1, deadLetterId), row -> row.getInt(1));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dead_letter_attempt"
                + " (dead_letter_id, attempt, attempted_at, http_status, outcome, run_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Attempt attempt : attempts) {
                insert.setLong(1, deadLetterId);
                insert.setInt(2, ++number);
                insert.setObject(3, attempt.at());
                Jdbc.setNullable(insert, 4, attempt.httpStatus());
                insert.setString(5, attempt.outcome());
                insert.setString(6, attempt.runId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The entry's attempts, first to last. */
    List<Attempt> of(long deadLetterId) {
        return Jdbc.query(dataSource, "SELECT attempt, attempted_at, http_status, outcome, run_id FROM dead_letter_attempt"
                + " WHERE dead_letter_id = ? ORDER BY attempt", statement -> statement.setLong(1, deadLetterId), row -> {
                    int status = row.getInt("http_status");
                    Integer httpStatus = row.wasNull() ? null : status; // asked right after the column it is about
                    return new Attempt(row.getInt("attempt"), row.getObject("attempted_at", OffsetDateTime.class),
                            httpStatus, row.getString("outcome"), row.getString("run_id"));
                });
    }
}

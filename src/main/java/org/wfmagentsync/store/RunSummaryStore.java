package org.wfmagentsync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.wfmagentsync.model.RunSummary;

/** Keeps the summaries of the last runs so they can be inspected after the fact. */
public class RunSummaryStore {

    /** A run is written at its start and again at its end: the last write is what the run did. */
    private static final Upsert RUN = Upsert.replacing("run_summary", "run_id",
            "run_id", "started_at", "finished_at", "outcome", "summary_json");

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final int keep;
    private final String upsert;

    public RunSummaryStore(DataSource dataSource, ObjectMapper json, int keep) {
        this.dataSource = dataSource;
        this.json = json;
        this.keep = keep;
        this.upsert = Dialects.of(dataSource).upsert(RUN);
    }

    /**
     * Keeps a run in progress as {@code RUNNING}, from its start: a process that dies during the run
     * then leaves a trace that the next start turns into {@code INTERRUPTED} (see {@code run.InterruptedRuns}).
     * Old runs are dropped when a run's summary is saved, not here, at the start of a run.
     */
    public void inProgress(RunSummary running) {
        String body = write(running);
        Jdbc.update(dataSource, upsert, statement -> bind(statement, running, body));
    }

    /** Keeps the run's summary, replacing what was kept of it so far, and drops the oldest runs beyond the limit, together. */
    public void save(RunSummary summary) {
        String body = write(summary);
        Jdbc.inTransaction(dataSource, connection -> {
            try (var insert = connection.prepareStatement(upsert);
                 var prune = connection.prepareStatement("DELETE FROM run_summary WHERE run_id NOT IN"
                         + " (SELECT run_id FROM run_summary ORDER BY started_at DESC FETCH FIRST ? ROWS ONLY)")) {
                bind(insert, summary, body);
                insert.executeUpdate();
                prune.setInt(1, keep);
                prune.executeUpdate();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement statement, RunSummary summary, String body) throws SQLException {
        statement.setString(1, summary.runId());
        statement.setObject(2, summary.startedAt());
        statement.setObject(3, summary.finishedAt());
        statement.setString(4, summary.outcome().name());
        statement.setString(5, body);
    }

    /** Runs kept as {@code RUNNING}: at start-up, before any run of this process, those a dead process left. */
    public List<RunSummary> unfinished() {
        return Jdbc.query(dataSource, "SELECT summary_json FROM run_summary WHERE outcome = ? ORDER BY started_at",
                statement -> statement.setString(1, RunSummary.Outcome.RUNNING.name()), row -> read(row.getString(1)));
    }

    /** The newest runs first. */
    public List<RunSummary> latest(int limit) {
        return Jdbc.query(dataSource, "SELECT summary_json FROM run_summary ORDER BY started_at DESC FETCH FIRST ? ROWS ONLY",
                statement -> statement.setInt(1, limit), row -> read(row.getString(1)));
    }

    private String write(RunSummary summary) {
        try {
            return json.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise run summary " + summary.runId(), e);
        }
    }

    private RunSummary read(String body) {
        try {
            return json.readValue(body, RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run summary is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}

package org.wfmagentsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.metrics.SyncMetrics;
import org.wfmagentsync.model.RunLimits;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.store.Database;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.DeliveredStateStore;
import org.wfmagentsync.store.EmbeddedPostgresServer;
import org.wfmagentsync.store.RunSummaryStore;

/**
 * Run trackers of three instances on one real PostgreSQL (each with a pool of its own, as separate
 * processes have): one run at a time across them, and a run whose process died is reported
 * INTERRUPTED by the instance that starts the next run, once.
 */
class RunsAcrossInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DefaultCamelContext camel = new DefaultCamelContext();

    /** One instance: its pool on the shared database, and its run tracker. */
    private record Instance(Database database, RunTracker runs, RunSummaryStore summaries) implements AutoCloseable {

        static Instance on(EmbeddedPostgresServer.Account account, String node) {
            Database database = account.open();
            RunSummaryStore summaries = new RunSummaryStore(database.dataSource(), JSON, 100);
            DeadLetterStore deadLetters = new DeadLetterStore(database.dataSource(), Clock.systemUTC());
            DeliveredStateStore delivered = new DeliveredStateStore(database.dataSource(), Clock.systemUTC());
            RunTracker runs = new RunTracker(summaries, new SyncMetrics(new SimpleMeterRegistry(), Map::of),
                    Clock.systemUTC(), 0, RunLimits.NONE, List.of(), () -> 0, database.runLock(),
                    new InterruptedRuns(summaries, delivered, deadLetters)::recover, node);
            return new Instance(database, runs, summaries);
        }

        @Override
        public void close() {
            database.close();
        }
    }

    private Exchange exchange() {
        return new DefaultExchange(camel);
    }

    @Test
    void one_run_at_a_time_across_instances_and_a_dead_instance_s_run_is_reported_interrupted_once() throws Exception {
        EmbeddedPostgresServer.Account account = EmbeddedPostgresServer.newDatabase();
        try (Instance a = Instance.on(account, "node-a"); Instance b = Instance.on(account, "node-b");
             Instance c = Instance.on(account, "node-c")) {
            Exchange first = exchange();
            a.runs().begin(first);
            RunInProgressException refused = assertThrows(RunInProgressException.class, () -> b.runs().begin(exchange()));
            assertTrue(refused.getMessage().contains("in progress on another instance"), refused.getMessage());
            RunSummary done = a.runs().finish(first);
            assertEquals("node-a", done.node());

            Exchange dying = exchange();
            b.runs().begin(dying);
            String dead = dying.getProperty("wfmRunId", String.class);
            // node-b's process dies: its sessions end, and with them the lock it held
            try (Connection admin = a.database().dataSource().getConnection(); Statement kill = admin.createStatement()) {
                kill.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                        + " AND datname = current_database() AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')");
            }
            b.close();

            Exchange next = exchange();
            c.runs().begin(next);
            c.runs().finish(next);
            Exchange after = exchange();
            a.runs().begin(after);
            a.runs().finish(after);

            List<RunSummary> kept = a.summaries().latest(10);
            assertEquals(List.of("SUCCEEDED", "SUCCEEDED", "INTERRUPTED", "SUCCEEDED"),
                    kept.stream().map(run -> run.outcome().name()).toList(), kept.toString());
            assertEquals(dead, kept.get(2).runId());
            assertEquals(List.of("node-a", "node-c", "node-b", "node-a"), kept.stream().map(RunSummary::node).toList());
        }
    }
}

package org.wfmagentsync.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Keeps what the adaptive concurrency limit learned about each tenant, for the next run on any instance. */
public class LearnedLimitStore {

    /** A learned level: the most requests in flight that worked below a capacity conflict, and when it came. */
    public record LearnedLimit(int concurrency, Instant learnedAt) {
    }

    private static final Upsert LEARNED = new Upsert("learned_limit", List.of("tenant", "scope"),
            List.of("tenant", "scope", "concurrency", "learned_at"), null);

    private final DataSource dataSource;
    private final String upsert;

    public LearnedLimitStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.upsert = Dialects.of(dataSource).upsert(LEARNED);
    }

    /** What was learned about the tenant in this scope, if anything. */
    public Optional<LearnedLimit> find(String tenant, String scope) {
        return Jdbc.query(dataSource, "SELECT concurrency, learned_at FROM learned_limit WHERE tenant = ? AND scope = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, scope);
                }, row -> new LearnedLimit(row.getInt(1), row.getObject(2, OffsetDateTime.class).toInstant()))
                .stream().findFirst();
    }

    /** Keeps the tenant's learned level in this scope, replacing what was kept. */
    public void save(String tenant, String scope, LearnedLimit learned) {
        Jdbc.update(dataSource, upsert, statement -> {
            statement.setString(1, tenant);
            statement.setString(2, scope);
            statement.setInt(3, learned.concurrency());
            statement.setObject(4, learned.learnedAt().atOffset(ZoneOffset.UTC));
        });
    }
}

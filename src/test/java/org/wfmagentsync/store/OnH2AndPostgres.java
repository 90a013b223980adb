package org.wfmagentsync.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test run twice, once on each state database the connector supports: embedded H2 in a folder of
 * its own, and a database of its own on a real PostgreSQL ({@link EmbeddedPostgresServer}). The test
 * and its {@code @BeforeEach} methods take the {@link StateDatabase} as a parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(StateDatabase.OnEach.class)
public @interface OnH2AndPostgres {
}

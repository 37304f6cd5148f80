package io.hibernatecas.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test method once per database: invocations named "H2", "PostgreSQL" and "MariaDB".
 *
 * <p>Each invocation gets its own fresh, empty database as a {@link TestDatabase} parameter (also available
 * to {@code @BeforeEach}/{@code @AfterEach} methods; a {@link DatabaseKind} parameter works too):
 *
 * <pre>{@code
 * @AllDatabases
 * void updatesAreGuarded(TestDatabase db) {
 *     HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(HarnessEntity.class).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>A database whose server cannot start makes its invocation skipped with the reason, or failed when
 * {@code CI=true} / {@code -Dcas.test.noSkip=true}. See {@link AllDatabasesExtension}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(AllDatabasesExtension.class)
public @interface AllDatabases {

    /** The databases to run on; all by default. Restrict only where a database cannot support the test. */
    DatabaseKind[] value() default {DatabaseKind.H2, DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB};
}

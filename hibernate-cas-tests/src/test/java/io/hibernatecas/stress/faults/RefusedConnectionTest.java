package io.hibernatecas.stress.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.internal.RetryClassifier;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.stress.BankAccount;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * The database refuses connections: the server is gone (nothing listens on the port any more), or PostgreSQL was
 * told not to accept connections to the database. {@link CasRetry} cannot begin a transaction: the driver's refusal
 * comes out at once, as Hibernate converted it, and is not retried; the work never runs; nothing is written. Once
 * the database is back, the same {@code CasRetry} works again.
 */
class RefusedConnectionTest {

    @AllDatabases
    void serverGoneFailsBeforeTheWorkRunsAndIsNotRetried(TestDatabase db) throws Exception {
        SwitchableDataSource dataSource = new SwitchableDataSource(db);
        SessionFactory factory = boot(db, dataSource);
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        CasRetry retry = CasRetry.of(factory).maxRetries(3).onRetry(retries::add);

        dataSource.refuse(true);
        Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
            attempts.incrementAndGet();
            Accounts.transfer(em, "10.00");
        }));

        assertRefused(thrown);
        assertThat(attempts).hasValue(0);
        assertThat(retries).isEmpty();
        assertThat(Accounts.state(db)).containsExactly("1=100.00@v0", "2=100.00@v0");

        dataSource.refuse(false);
        retry.inTransaction(em -> Accounts.transfer(em, "10.00"));
        assertThat(Accounts.state(db)).containsExactly("1=90.00@v1", "2=110.00@v1");
    }

    @AllDatabases
    void serverGoneDuringTheBackoffEndsTheRetriesWithTheRefusal(TestDatabase db) throws Exception {
        SwitchableDataSource dataSource = new SwitchableDataSource(db);
        SessionFactory factory = boot(db, dataSource);
        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        CasRetry retry = CasRetry.of(factory).maxRetries(3).backoff(Duration.ZERO, Duration.ZERO)
                .onRetry(retries::add)
                .onRetry(event -> dataSource.refuse(true));

        Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
            attempts.incrementAndGet();
            em.find(BankAccount.class, 1L);
            db.execute("update stress_account set version = version + 1 where id = 1");  // a conflict
            Accounts.transfer(em, "10.00");
        }));

        assertRefused(thrown);
        assertThat(attempts).hasValue(1);
        assertThat(retries).singleElement().extracting(RetryEvent::reason).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
        assertThat(Accounts.state(db)).containsExactly("1=100.00@v1", "2=100.00@v0");
    }

    /**
     * PostgreSQL {@code ALTER DATABASE ... ALLOW_CONNECTIONS false} (a maintenance window): the server is up but
     * refuses new connections to this database with {@code 55000}. PostgreSQL only: H2 and MariaDB have no such
     * switch for a single database (MariaDB's {@code max_user_connections} would need a user of its own and still
     * admits an administrator).
     */
    @AllDatabases(DatabaseKind.POSTGRESQL)
    void databaseNotAcceptingConnectionsFailsBeforeTheWorkRuns(TestDatabase db) throws Exception {
        HibernateFixture h = Accounts.open(db);
        AtomicInteger attempts = new AtomicInteger();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3);

        Throwable thrown;
        String maintenance = db.jdbcUrl().replace("/" + db.databaseName(), "/postgres");
        try (Connection admin = DriverManager.getConnection(maintenance, db.user(), db.password());
                Statement st = admin.createStatement()) {
            st.execute("alter database \"" + db.databaseName() + "\" allow_connections false");
            try {
                thrown = catchThrowable(() -> retry.inTransaction(em -> {
                    attempts.incrementAndGet();
                    Accounts.transfer(em, "10.00");
                }));
            }
            finally {
                st.execute("alter database \"" + db.databaseName() + "\" allow_connections true");
            }
        }

        // 55000 is not a connection-class SQLState, so Hibernate makes it a GenericJDBCException
        assertThat(thrown).isExactlyInstanceOf(GenericJDBCException.class)
                .hasMessage("Unable to acquire JDBC Connection [FATAL: database \"" + db.databaseName()
                        + "\" is not currently accepting connections] [n/a]");
        assertThat(Accounts.sqlState(thrown)).isEqualTo("55000/0");
        assertThat(RetryClassifier.classify(thrown)).isEmpty();
        assertThat(attempts).hasValue(0);
        assertThat(Accounts.state(db)).containsExactly("1=100.00@v0", "2=100.00@v0");
    }

    private static void assertRefused(Throwable thrown) {
        System.out.println("[cas-fault] refused: " + Accounts.sqlState(thrown) + " " + Accounts.chain(thrown));
        assertThat(thrown).as(Accounts.chain(thrown)).isExactlyInstanceOf(JDBCConnectionException.class)
                .isNotInstanceOf(RetryExhaustedException.class)
                .hasMessageStartingWith("Unable to acquire JDBC Connection [");
        assertThat(RetryClassifier.classify(thrown)).isEmpty();
    }

    /** A session factory on {@code dataSource} with the two accounts of {@link Accounts}; closed with {@code db}. */
    private static SessionFactory boot(TestDatabase db, SwitchableDataSource dataSource) {
        var registry = new StandardServiceRegistryBuilder().applySettings(Map.of(
                JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource,
                SchemaToolingSettings.HBM2DDL_AUTO, "create-drop")).build();
        SessionFactory factory = new MetadataSources(registry).addAnnotatedClass(BankAccount.class)
                .buildMetadata().buildSessionFactory();
        db.closeAtEnd(() -> {
            dataSource.refuse(false);
            factory.close();
        });
        factory.inTransaction(s -> {
            s.persist(new BankAccount(1L, Accounts.OPENING));
            s.persist(new BankAccount(2L, Accounts.OPENING));
        });
        return factory;
    }
}

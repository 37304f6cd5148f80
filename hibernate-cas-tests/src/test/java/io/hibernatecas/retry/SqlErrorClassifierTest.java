package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.CasRetry;
import io.hibernatecas.Conflict;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.internal.RetryClassifier;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.spi.SqlErrorClassifier;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.persistence.PersistenceException;

/**
 * A user teaches {@code CasRetry} a database the built-in table does not know, without forking: an
 * {@link SqlErrorClassifier} registered in {@code META-INF/services} is found by {@code ServiceLoader} and asked
 * before the built-in table.
 */
class SqlErrorClassifierTest {

    /** A made-up distributed database that reports an aborted transaction as SQLState {@code ABORT}, code 10. */
    public static final class AbortedTransactions implements SqlErrorClassifier {
        @Override
        public Optional<RetryReason> classify(SQLException error) {
            return "ABORT".equals(error.getSQLState()) && error.getErrorCode() == 10
                    ? Optional.of(RetryReason.SERIALIZATION_FAILURE) : Optional.empty();
        }
    }

    @TempDir
    Path services;

    private ClassLoader loaderRegistering(String... providers) throws IOException {
        Path file = services.resolve("META-INF/services/" + SqlErrorClassifier.class.getName());
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(providers));
        return new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader());
    }

    private static RuntimeException aborted() {
        return new PersistenceException("commit failed", new SQLException("transaction aborted", "ABORT", 10));
    }

    @Test
    void registeredClassifierIsAskedBeforeTheBuiltInTable() throws IOException {
        RetryClassifier classifier = RetryClassifier.withServices(loaderRegistering(AbortedTransactions.class.getName()));

        assertThat(classifier.extensions()).singleElement().isInstanceOf(AbortedTransactions.class);
        assertThat(classifier.reasonFor(aborted())).contains(RetryReason.SERIALIZATION_FAILURE);
        assertThat(RetryClassifier.classify(aborted())).as("the built-in table does not know it").isEmpty();
        // the built-in table still answers what the extension does not know
        assertThat(classifier.reasonFor(new SQLException("deadlock", "40P01", 0))).contains(RetryReason.DEADLOCK);
        assertThat(classifier.reasonFor(new SQLException("duplicate", "23505", 0))).isEmpty();
    }

    @Test
    void aDeletedRowIsNeverRetriedWhateverAClassifierSays() {
        RetryClassifier classifier = RetryClassifier.with(List.of(error -> Optional.of(RetryReason.DEADLOCK)));
        Conflict gone = new Conflict("Counter", 1L, null, ConflictReason.DELETED, 0, null, List.of(), java.util.Map.of(), java.util.Map.of(),
                404);
        EntityDeletedException deleted = new EntityDeletedException("[Counter#1] was deleted", gone, List.of(gone),
                new SQLException("0 rows", "02000", 0), false);

        assertThat(classifier.reasonFor(deleted)).isEmpty();
        assertThat(classifier.reasonFor(new SQLException("anything", "XX000", 0))).contains(RetryReason.DEADLOCK);
    }

    @Test
    void withoutRegistrationTheBuiltInTableAloneDecides() throws IOException {
        assertThat(RetryClassifier.withServices(loaderRegistering()).extensions()).isEmpty();
        assertThat(RetryClassifier.withServices(loaderRegistering()).reasonFor(aborted())).isEmpty();
    }

    @Test
    void aRegistrationThatCannotBeLoadedFailsWithTheProviderAndTheFix() throws IOException {
        ClassLoader loader = loaderRegistering("com.acme.MissingClassifier");

        Throwable thrown = catchThrowable(() -> RetryClassifier.withServices(loader));

        assertThat(thrown).isInstanceOf(CasConfigurationException.class)
                .hasMessage("Could not load a io.hibernatecas.spi.SqlErrorClassifier registered in "
                        + "META-INF/services: io.hibernatecas.spi.SqlErrorClassifier: Provider "
                        + "com.acme.MissingClassifier not found; a classifier needs a public class with a public "
                        + "no-argument constructor");
    }

    @AllDatabases
    void casRetryOfLoadsTheClassifiersOfTheContextClassLoaderAndRetriesWhatTheyKnow(TestDatabase db)
            throws IOException {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        ClassLoader registering = loaderRegistering(AbortedTransactions.class.getName());
        CasRetry taught = withContextClassLoader(registering, () -> CasRetry.of(h.sessionFactory()))
                .maxRetries(2).backoff(java.time.Duration.ZERO, java.time.Duration.ZERO);
        CasRetry plain = CasRetry.of(h.sessionFactory()).maxRetries(2);

        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new ArrayList<>();
        int hits = taught.onRetry(retries::add).fromTransaction(em -> {
            Counter counter = em.find(Counter.class, 1L);
            counter.increment();
            if (attempts.incrementAndGet() == 1) {
                throw aborted();
            }
            return counter.getHits();
        });

        assertThat(attempts).hasValue(2);
        assertThat(hits).isEqualTo(1);
        assertThat(retries).singleElement().extracting(RetryEvent::reason)
                .isEqualTo(RetryReason.SERIALIZATION_FAILURE);
        int stored = h.fromTransaction(s -> s.find(Counter.class, 1L).getHits());
        assertThat(stored).as("the first attempt rolled back").isEqualTo(1);

        RuntimeException failure = aborted();
        AtomicInteger plainAttempts = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> plain.inTransaction(em -> {
            plainAttempts.incrementAndGet();
            throw failure;
        }));
        assertThat(thrown).as("unknown to the built-in table: not retried").isSameAs(failure);
        assertThat(plainAttempts).hasValue(1);
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        }
        finally {
            thread.setContextClassLoader(before);
        }
    }
}

package io.hibernatecas.stress.misuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * Misuses of {@link CasRetry} not pinned by the retry tests (which cover bad fluent arguments, bad settings, and
 * runtime, unchecked-wrapped and {@code Error} failures of the work: {@code RetrySettingsTest},
 * {@code NonRetryableFailureTest}): {@code null} arguments, a checked exception thrown sneakily by the work, a closed
 * factory, and the classic mistake of merging an instance read outside the work.
 */
class RetryMisuseTest {

    private static HibernateFixture gadgets(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Gadget.class, Unversioned.class).build();
        h.inTransaction(s -> s.persist(new Gadget(1L, "gizmo", "G-1")));
        return h;
    }

    @AllDatabases
    void nullArgumentsAndAClosedFactoryAreRefused(TestDatabase db) {
        HibernateFixture h = gadgets(db);
        CasRetry retry = CasRetry.of(h.sessionFactory());

        assertThatThrownBy(() -> CasRetry.of(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("entityManagerFactory");
        assertThatThrownBy(() -> retry.inTransaction(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("work");
        assertThatThrownBy(() -> retry.fromTransaction(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("work");

        h.close();
        assertThatThrownBy(() -> retry.inTransaction(em -> { })).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("EntityManagerFactory is closed");
    }

    @AllDatabases
    void checkedExceptionOfTheWorkIsNeitherRetriedNorWrapped(TestDatabase db) {
        HibernateFixture h = gadgets(db);
        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        IOException failure = new IOException("disk full");

        Throwable thrown = catchThrowable(() -> CasRetry.of(h.sessionFactory()).maxRetries(3).onRetry(retries::add)
                .inTransaction(em -> {
                    attempts.incrementAndGet();
                    em.find(Gadget.class, 1L).setName("renamed");
                    em.flush();
                    throw RetryMisuseTest.<RuntimeException>sneaky(failure);
                }));

        assertThat(thrown).isSameAs(failure);
        assertThat(attempts).hasValue(1);
        assertThat(retries).isEmpty();
        assertThat(db.queryForLong("select count(*) from misuse_gadget where name = 'gizmo'")).isEqualTo(1);
    }

    /**
     * A stale instance read before the work and merged inside it fails every attempt the same way (its version never
     * becomes current), so the retries are spent and the last conflict says so. The fix: read by id inside the work.
     */
    @AllDatabases
    void mergingAnInstanceReadOutsideTheWorkExhaustsTheRetries(TestDatabase db) {
        HibernateFixture h = gadgets(db);
        Gadget stale = h.fromTransaction(s -> s.find(Gadget.class, 1L));
        h.inTransaction(s -> s.find(Gadget.class, 1L).setLabel("changed by someone else"));
        stale.setName("mine");
        AtomicInteger attempts = new AtomicInteger();

        Throwable thrown = catchThrowable(() -> CasRetry.of(h.sessionFactory()).maxRetries(2)
                .backoff(Duration.ZERO, Duration.ZERO)
                .inTransaction(em -> {
                    attempts.incrementAndGet();
                    em.merge(stale);
                }));

        assertThat(thrown).isExactlyInstanceOf(RetryExhaustedException.class)
                .hasMessage("Gave up after 3 attempts: Concurrent update of [" + Gadget.class.getName() + "#1]: "
                        + "expected version 0 but the database has version 1")
                .cause().isExactlyInstanceOf(VersionConflictException.class);
        assertThat(((RetryExhaustedException) thrown).getReason()).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
        assertThat(attempts).hasValue(3);
        assertThat(db.queryForLong("select count(*) from misuse_gadget where name = 'gizmo'")).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}

package io.hibernatecas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.ReferenceConflictException;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.compat.Comparison.Boot;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.SessionFactory;
import org.hibernate.StaleObjectStateException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.JpaOptimisticLockingFailureException;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.hibernate.HibernateExceptionTranslator;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Issue 9, part 2: what a Spring application sees. Spring's translators ({@code HibernateJpaDialect},
 * {@code HibernateExceptionTranslator}) build their exception from the Hibernate exception they find, so the
 * conflict must be that exception: the Hibernate view {@link CasStaleObjectStateException}. Each scenario runs
 * through Spring's real {@link JpaTransactionManager} (with {@link HibernateJpaDialect}, as Spring Boot configures
 * it), with plain Hibernate and with the library, and the Spring exceptions are compared.
 */
class SpringTranslationTest {

    private static final HibernateJpaDialect DIALECT = new HibernateJpaDialect();

    /** {@code work} in a Spring-managed transaction on {@code sf}, with its transactional EntityManager. */
    private static void inSpringTransaction(SessionFactory sf, Consumer<EntityManager> work) {
        JpaTransactionManager manager = new JpaTransactionManager(sf);
        manager.setJpaDialect(DIALECT);
        new TransactionTemplate(manager).executeWithoutResult(
                status -> work.accept(EntityManagerFactoryUtils.getTransactionalEntityManager(sf)));
    }

    private static void concurrentUpdate(SessionFactory sf) {
        Concurrently.inTransaction(sf, other -> other.find(Stock.class, 1L).label = "theirs");
    }

    /** Both runs end in the same Spring type, with the same class name and id, and only ours carries the conflict. */
    private static CasConflictException assertSameSpringException(Comparison c,
            Class<? extends DataAccessException> type) {
        assertThat(c.plain).isExactlyInstanceOf(type);
        assertThat(c.ours).isExactlyInstanceOf(type);
        assertThat(CasConflictException.findIn(c.plain)).isEmpty();
        return CasConflictException.findIn(c.ours).orElseThrow(() -> new AssertionError("no conflict in " + c.ours));
    }

    @AllDatabases
    void conflictAtCommitIsAnObjectOptimisticLockingFailureThatCarriesTheConflict(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.JPA, (sf, d) -> inSpringTransaction(sf, em -> {
            Stock stock = em.find(Stock.class, 1L);
            concurrentUpdate(sf);
            stock.label = "mine";
        })).assertSameContract();

        CasConflictException conflict = assertSameSpringException(c, ObjectOptimisticLockingFailureException.class);
        ObjectOptimisticLockingFailureException plain = (ObjectOptimisticLockingFailureException) c.plain;
        ObjectOptimisticLockingFailureException ours = (ObjectOptimisticLockingFailureException) c.ours;
        assertThat(ours.getPersistentClassName()).isEqualTo(plain.getPersistentClassName())
                .isEqualTo(Stock.class.getName());
        assertThat(ours.getIdentifier()).isEqualTo(plain.getIdentifier()).isEqualTo(1L);
        assertThat(ours.getCause()).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflict).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(conflict.getHttpStatus()).isEqualTo(409);
        assertThat(conflict.toProblemDetail()).containsEntry("status", 409).containsEntry("expectedVersion", 0)
                .containsEntry("actualVersion", 1);
        assertThat(ours).hasMessageContaining("Concurrent update of [io.hibernatecas.compat.Stock#1]: expected "
                + "version 0 but the database has version 1");
    }

    /** Before issue 9 this was a JpaSystemException: a plain HibernateException wrapped ours. */
    @AllDatabases
    void forcedVersionIncrementAtCommitIsAnObjectOptimisticLockingFailure(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.JPA, (sf, d) -> inSpringTransaction(sf, em -> {
            em.find(Stock.class, 1L, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            concurrentUpdate(sf);
        })).assertSameContract();

        CasConflictException conflict = assertSameSpringException(c, ObjectOptimisticLockingFailureException.class);
        assertThat(((ObjectOptimisticLockingFailureException) c.ours).getPersistentClassName())
                .isEqualTo(Stock.class.getName());
        assertThat(((ObjectOptimisticLockingFailureException) c.ours).getIdentifier()).isEqualTo(1L);
        assertThat(conflict.getReason()).isEqualTo(ConflictReason.VERSION_CHANGED);
    }

    @AllDatabases
    void deletedRowAtCommitCarriesThe404(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.JPA, (sf, d) -> inSpringTransaction(sf, em -> {
            Stock stock = em.find(Stock.class, 1L);
            d.execute("delete from compat_stock where id = 1");
            stock.label = "mine";
        })).assertSameContract();

        CasConflictException conflict = assertSameSpringException(c, ObjectOptimisticLockingFailureException.class);
        assertThat(conflict).isExactlyInstanceOf(EntityDeletedException.class);
        assertThat(conflict.getHttpStatus()).isEqualTo(404);
    }

    @AllDatabases
    void foreignKeyViolationIsADataIntegrityViolationCausedByTheReferenceConflict(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.JPA, (sf, d) -> inSpringTransaction(sf,
                em -> em.remove(em.find(Memo.class, 1L)))).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(DataIntegrityViolationException.class);
        assertThat(c.ours).isExactlyInstanceOf(DataIntegrityViolationException.class)
                .cause().isExactlyInstanceOf(ReferenceConflictException.class);
        assertThat(((ReferenceConflictException) c.ours.getCause()).getHttpStatus()).isEqualTo(409);
    }

    /**
     * The translators a Spring application reaches without a transaction manager (a {@code @Repository}'s
     * translation interceptor, {@code HibernateTemplate}-style code), applied to each exception the library throws.
     */
    @AllDatabases
    void everyTranslatorKeepsTheConflictReachable(TestDatabase db) {
        Comparison flush = Comparison.run(db, Boot.JPA, (sf, d) -> sf.inTransaction(s -> {
            Stock stock = s.find(Stock.class, 1L);
            d.execute("update compat_stock set quantity = 11, version = 1 where id = 1");
            stock.label = "mine";
            s.flush();
        }));
        Comparison stateless = Comparison.run(db, Boot.JPA, (sf, d) -> sf.inStatelessTransaction(s -> {
            Stock stock = s.get(Stock.class, 1L);
            concurrentUpdate(sf);
            s.update(stock);
        }));
        assertThat(flush.ours).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(stateless.ours).isExactlyInstanceOf(CasStaleObjectStateException.class);

        for (Comparison c : new Comparison[] {flush, stateless}) {
            RuntimeException plain = (RuntimeException) c.plain;
            RuntimeException ours = (RuntimeException) c.ours;
            CasConflictException conflict = CasConflictException.findIn(ours).orElseThrow();

            DataAccessException viaDialect = DIALECT.translateExceptionIfPossible(ours);
            DataAccessException viaTranslator = new HibernateExceptionTranslator().translateExceptionIfPossible(ours);
            assertThat(viaDialect).isExactlyInstanceOf(ObjectOptimisticLockingFailureException.class)
                    .isExactlyInstanceOf(DIALECT.translateExceptionIfPossible(plain).getClass());
            assertThat(viaTranslator).isExactlyInstanceOf(ObjectOptimisticLockingFailureException.class);
            for (DataAccessException translated : new DataAccessException[] {viaDialect, viaTranslator}) {
                ObjectOptimisticLockingFailureException optimistic = (ObjectOptimisticLockingFailureException) translated;
                assertThat(optimistic.getPersistentClassName()).isEqualTo(Stock.class.getName());
                assertThat(optimistic.getIdentifier()).isEqualTo(1L);
                assertThat(CasConflictException.findIn(optimistic)).containsSame(conflict);
            }
        }

        // the JPA-only translator sees the JPA view (or Hibernate's OptimisticLockException wrapping the other one)
        DataAccessException jpaOnly = EntityManagerFactoryUtils.convertJpaAccessExceptionIfPossible(
                (RuntimeException) flush.ours);
        assertThat(jpaOnly).isExactlyInstanceOf(JpaOptimisticLockingFailureException.class)
                .cause().isSameAs(flush.ours);
        assertThat(CasConflictException.findIn(jpaOnly)).containsSame((CasConflictException) flush.ours);
        assertThat(CasConflictException.findIn(jpaOnly.getCause().getCause()))
                .containsSame((CasConflictException) flush.ours);
        assertThat(flush.ours.getCause()).isInstanceOf(StaleObjectStateException.class);
    }
}

package io.hibernatecas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.ReferenceConflictException;
import io.hibernatecas.UnverifiableUpdateException;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.compat.Comparison.Boot;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.LockMode;
import org.hibernate.SessionFactory;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;

import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;

/**
 * Issue 9, part 1: every scenario runs with plain Hibernate ({@code hibernate.cas.enabled=false}) and with the
 * library, on the same database; what the library throws must be an instance of what plain Hibernate throws, at
 * every link of the cause chain ({@link Comparison#assertSameContract()}), and carry the conflict.
 */
class ExceptionCompatibilityTest {

    /** Another transaction, on another thread, changes stock 1's label (and so its version) and commits. */
    private static void concurrentUpdate(SessionFactory sf) {
        Concurrently.inTransaction(sf, other -> other.find(Stock.class, 1L).label = "theirs");
    }

    private static CasConflictException conflictIn(Throwable thrown) {
        return CasConflictException.findIn(thrown).orElseThrow(() -> new AssertionError("no conflict in " + thrown));
    }

    @AllDatabases
    void flush(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inTransaction(s -> {
            Stock stock = s.find(Stock.class, 1L);
            concurrentUpdate(sf);
            stock.label = "mine";
            s.flush();
        })).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(OptimisticLockException.class)
                .cause().isExactlyInstanceOf(StaleObjectStateException.class);
        assertThat(c.ours).isExactlyInstanceOf(VersionConflictException.class)
                .cause().isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(CasConflictException.findIn(c.plain)).isEmpty();
        assertThat(conflictIn(c.ours)).isSameAs(c.ours);
    }

    @AllDatabases
    void commitNative(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inTransaction(s -> {
            Stock stock = s.find(Stock.class, 1L);
            concurrentUpdate(sf);
            stock.label = "mine";
        })).assertSameContract();

        assertThat(c.ours).isExactlyInstanceOf(VersionConflictException.class);
    }

    @AllDatabases
    void commitJpa(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.JPA, (sf, d) -> sf.inTransaction(s -> {
            Stock stock = s.find(Stock.class, 1L);
            concurrentUpdate(sf);
            stock.label = "mine";
        })).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(RollbackException.class)
                .cause().isExactlyInstanceOf(OptimisticLockException.class);
        assertThat(c.ours).isExactlyInstanceOf(RollbackException.class)
                .cause().isExactlyInstanceOf(VersionConflictException.class);
    }

    @AllDatabases
    void autoFlushBeforeAQuery(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inTransaction(s -> {
            Stock stock = s.find(Stock.class, 1L);
            concurrentUpdate(sf);
            stock.label = "mine";
            s.createSelectionQuery("from Stock", Stock.class).getResultList();
        })).assertSameContract();

        assertThat(c.ours).isExactlyInstanceOf(VersionConflictException.class);
    }

    @AllDatabases
    void mergeOfAStaleDetachedInstance(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> {
            Stock detached = sf.fromTransaction(s -> s.find(Stock.class, 1L));
            concurrentUpdate(sf);
            detached.label = "mine";
            sf.inTransaction(s -> s.merge(detached));
        }).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(OptimisticLockException.class)
                .cause().isExactlyInstanceOf(StaleObjectStateException.class);
        assertThat(c.ours).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(conflictIn(c.ours).getExpectedVersion()).isEqualTo(0);
    }

    @AllDatabases
    void optimisticForceIncrementAtNativeCommit(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inTransaction(s -> {
            s.find(Stock.class, 1L, LockMode.OPTIMISTIC_FORCE_INCREMENT);
            concurrentUpdate(sf);
        })).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(StaleObjectStateException.class);
        assertThat(c.ours).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflictIn(c.ours)).isExactlyInstanceOf(VersionConflictException.class)
                .cause().isSameAs(c.ours);
    }

    @AllDatabases
    void optimisticForceIncrementAtJpaCommit(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.JPA, (sf, d) -> sf.inTransaction(s -> {
            s.find(Stock.class, 1L, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            concurrentUpdate(sf);
        })).assertSameContract();

        // Hibernate itself wraps the Hibernate view in its OptimisticLockException, as it does its own type
        assertThat(c.plain).isExactlyInstanceOf(RollbackException.class)
                .cause().isExactlyInstanceOf(OptimisticLockException.class)
                .cause().isExactlyInstanceOf(StaleObjectStateException.class);
        assertThat(c.ours).isExactlyInstanceOf(RollbackException.class)
                .cause().isExactlyInstanceOf(OptimisticLockException.class)
                .cause().isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflictIn(c.ours).getReason()).isEqualTo(ConflictReason.VERSION_CHANGED);
    }

    @AllDatabases
    void pessimisticForceIncrementOfAStaleInstanceNative(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inTransaction(s -> {
            Stock stock = s.find(Stock.class, 1L);
            concurrentUpdate(sf);
            s.lock(stock, LockMode.PESSIMISTIC_FORCE_INCREMENT);
        })).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(StaleObjectStateException.class);
        assertThat(c.ours).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflictIn(c.ours)).isExactlyInstanceOf(VersionConflictException.class)
                .cause().isSameAs(c.ours);
        assertThat(conflictIn(c.ours).getExpectedVersion()).isEqualTo(0);
    }

    @AllDatabases
    void pessimisticForceIncrementOfAStaleInstanceJpa(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.JPA, (sf, d) -> sf.inTransaction(s -> {
            Stock stock = s.find(Stock.class, 1L);
            concurrentUpdate(sf);
            s.lock(stock, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        })).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(OptimisticLockException.class)
                .cause().isExactlyInstanceOf(StaleObjectStateException.class);
        assertThat(c.ours).isExactlyInstanceOf(OptimisticLockException.class)
                .cause().isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflictIn(c.ours).getReason()).isEqualTo(ConflictReason.VERSION_CHANGED);
    }

    @AllDatabases
    void statelessUpdate(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inStatelessTransaction(s -> {
            Stock stock = s.get(Stock.class, 1L);
            concurrentUpdate(sf);
            stock.label = "mine";
            s.update(stock);
        })).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(StaleObjectStateException.class);
        assertThat(c.ours).isExactlyInstanceOf(CasStaleObjectStateException.class);
        CasStaleObjectStateException stale = (CasStaleObjectStateException) c.ours;
        assertThat(stale.getEntityName()).isEqualTo(((StaleObjectStateException) c.plain).getEntityName());
        assertThat(stale.getIdentifier()).isEqualTo(1L);
        assertThat(stale.getConflictException()).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(stale).hasMessage("Concurrent update of [io.hibernatecas.compat.Stock#1]: expected version 0 but "
                + "the database has version 1");
    }

    @AllDatabases
    void statelessDelete(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inStatelessTransaction(s -> {
            Stock stock = s.get(Stock.class, 1L);
            d.execute("update compat_stock set quantity = 11, version = 1 where id = 1");
            s.delete(stock);
        })).assertSameContract();

        assertThat(c.plain).isExactlyInstanceOf(StaleObjectStateException.class);
        assertThat(c.ours).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflictIn(c.ours)).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(conflictIn(c.ours).getChangedAttributes()).containsExactly("quantity");
    }

    @AllDatabases
    void statelessBatchedUpdate(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inStatelessTransaction(s -> {
            List<Stock> stocks = s.createSelectionQuery("from Stock order by id", Stock.class).getResultList();
            concurrentUpdate(sf);
            stocks.forEach(stock -> stock.label = "mine");
            s.updateMultiple(stocks);
        })).assertSameContract();

        assertThat(c.plain).isInstanceOf(StaleObjectStateException.class);
    }

    @AllDatabases
    void foreignKeyViolationOnInsert(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inTransaction(s -> {
            Memo two = s.find(Memo.class, 2L);
            d.execute("delete from compat_memo where id = 2");
            s.persist(new Pet(2L, two));
            s.flush();
        })).assertSameContract();

        assertForeignKeyViolation(c, false);
    }

    @AllDatabases
    void foreignKeyViolationOnDelete(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inTransaction(s -> {
            s.remove(s.find(Memo.class, 1L));
        })).assertSameContract();

        assertForeignKeyViolation(c, true);
    }

    @AllDatabases
    void foreignKeyViolationAtJpaCommit(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.JPA, (sf, d) -> sf.inTransaction(s -> {
            s.remove(s.find(Memo.class, 1L));
        })).assertSameContract();

        assertThat(c.ours).isExactlyInstanceOf(RollbackException.class)
                .cause().isExactlyInstanceOf(ReferenceConflictException.class);
    }

    private static void assertForeignKeyViolation(Comparison c, boolean delete) {
        assertThat(c.plain).isExactlyInstanceOf(ConstraintViolationException.class);
        assertThat(c.ours).isExactlyInstanceOf(ReferenceConflictException.class);
        ConstraintViolationException plain = (ConstraintViolationException) c.plain;
        ReferenceConflictException ours = (ReferenceConflictException) c.ours;
        assertThat(ours.getKind()).isEqualTo(plain.getKind()).isEqualTo(ConstraintViolationException.ConstraintKind.FOREIGN_KEY);
        assertThat(ours.getConstraintName()).isEqualTo(plain.getConstraintName());
        assertThat(ours.getSQLState()).isEqualTo(plain.getSQLState());
        assertThat(ours.getErrorCode()).isEqualTo(plain.getErrorCode());
        assertThat(ours.getSQL()).isEqualTo(plain.getSQL());
        assertThat((Throwable) ours.getSQLException()).isSameAs(ours.getCause());
        assertThat(ours.isDelete()).isEqualTo(delete);
    }

    @AllDatabases
    void updateOfAnEntityWithNothingToCheckAfterAConcurrentDelete(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, (sf, d) -> sf.inTransaction(s -> {
            Memo memo = s.find(Memo.class, 2L);
            d.execute("delete from compat_memo where id = 2");
            memo.text = "mine";
        })).assertSameContract();

        assertThat(conflictIn(c.ours)).isExactlyInstanceOf(EntityDeletedException.class);
    }

    /** MariaDB Connector/J's bulk mode answers -2 per row; plain Hibernate accepts it, and so do we here. */
    @AllDatabases(DatabaseKind.MARIADB)
    void bulkStatementsLeaveAnEntityWithNothingToCheckAlone(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, Map.of("hibernate.jdbc.batch_size", 10), "useBulkStmts=true",
                (sf, d) -> {
                    sf.inTransaction(s -> s.createSelectionQuery("from Memo", Memo.class).getResultList()
                            .forEach(memo -> memo.text = "bulk"));
                    assertThat(d.queryForLong("select count(*) from compat_memo where text = 'bulk'")).isEqualTo(2);
                });

        assertThat(c.plain).isNull();
        assertThat(c.ours).isNull();
    }

    /**
     * The deliberate difference: where there is something to check, plain Hibernate accepts the -2 of the bulk mode
     * (a stale row would be overwritten unseen) and the library fails fast naming the driver setting.
     */
    @AllDatabases(DatabaseKind.MARIADB)
    void bulkStatementsFailFastWhereThereIsSomethingToCheck(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, Map.of("hibernate.jdbc.batch_size", 10), "useBulkStmts=true",
                (sf, d) -> sf.inTransaction(s -> s.createSelectionQuery("from Stock", Stock.class).getResultList()
                        .forEach(stock -> stock.label = "bulk")));

        assertThat(c.plain).isNull();
        assertThat(c.ours).isExactlyInstanceOf(UnverifiableUpdateException.class)
                .isInstanceOf(org.hibernate.HibernateException.class)
                .hasMessageStartingWith("The JDBC driver answered SUCCESS_NO_INFO (-2) for a guarded UPDATE of "
                        + "io.hibernatecas.compat.Stock in a batch");
    }

    @AllDatabases(DatabaseKind.MARIADB)
    void affectedRowsModeLeavesAnEntityWithNothingToCheckAlone(TestDatabase db) {
        Comparison c = Comparison.run(db, Boot.NATIVE, Map.of(), "useAffectedRows=true",
                (sf, d) -> {
                    sf.inTransaction(s -> s.find(Memo.class, 1L).text = "affected");
                    assertThat(d.queryForLong("select count(*) from compat_memo where text = 'affected'")).isEqualTo(1);
                });

        assertThat(c.plain).isNull();
        assertThat(c.ours).isNull();
    }
}

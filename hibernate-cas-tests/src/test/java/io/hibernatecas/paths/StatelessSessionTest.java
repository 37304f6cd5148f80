package io.hibernatecas.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.core.Account;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.SqlKind;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.ScrollMode;
import org.hibernate.StatelessSession;

/** {@code StatelessSession}: snapshots that are deep copies and weakly held, and typed conflicts with batching on. */
class StatelessSessionTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;

    private static void inTransaction(StatelessSession session, Consumer<StatelessSession> work) {
        session.getTransaction().begin();
        try {
            work.accept(session);
            session.getTransaction().commit();
        }
        catch (RuntimeException e) {
            if (session.getTransaction().isActive()) {
                session.getTransaction().rollback();
            }
            throw e;
        }
    }

    /** The JPA view of a conflict; a stateless session throws the Hibernate view, which carries it. */
    private static CasConflictException conflict(Throwable thrown) {
        return CasConflictException.findIn(thrown).orElseThrow();
    }

    @AllDatabases
    void inPlaceChangesAfterUpdateAreComparedWithWhatWasWritten(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Slot.class).build();
        h.inTransaction(s -> s.persist(new Slot(1L, new Date(T0), new Date(T0))));

        try (StatelessSession session = h.sessionFactory().openStatelessSession()) {
            Slot[] slot = new Slot[1];
            inTransaction(session, s -> {
                slot[0] = s.get(Slot.class, 1L);
                slot[0].owner = "a";
                s.update(slot[0]);
            });

            // ALWAYS guard, changed in place after update(): the snapshot still holds what was written, no false conflict
            slot[0].due.setTime(T0 + HOUR);
            inTransaction(session, s -> s.update(slot[0]));
            assertThat(db.queryForLong("select count(*) from slot where due = ?", new Timestamp(T0 + HOUR)))
                    .isEqualTo(1);

            // DIRTY guard, changed in place after update() while another transaction changed it: a conflict
            db.execute("update slot set remind = ? where id = 1", new Timestamp(T0 + 5 * HOUR));
            slot[0].remind.setTime(T0 + HOUR);
            h.resetCounters();
            Throwable thrown = catchThrowable(() -> inTransaction(session, s -> s.update(slot[0])));
            assertThat(thrown).isExactlyInstanceOf(CasStaleObjectStateException.class);
            assertThat(conflict(thrown)).isExactlyInstanceOf(FieldConflictException.class);
            assertThat(conflict(thrown).getChangedAttributes()).containsExactly("remind");
            assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                    .isEqualTo("update slot set remind=? where id=? and due=? and remind=?");
            assertThat(db.queryForLong("select count(*) from slot where remind = ?", new Timestamp(T0 + 5 * HOUR)))
                    .isEqualTo(1);
        }
    }

    @AllDatabases
    void updateMultipleDeleteMultipleAndBatchedStatelessWritesThrowTheTypedConflict(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class)
                .setting("hibernate.jdbc.batch_size", 10).build();
        h.inTransaction(s -> {
            for (long id = 1; id <= 3; id++) {
                s.persist(new Account(id, new BigDecimal("10.00"), "o" + id));
            }
        });

        Throwable updateMultiple = catchThrowable(() -> h.sessionFactory().inStatelessTransaction(s -> {
            List<Account> accounts = s.createSelectionQuery("from Account order by id", Account.class).getResultList();
            db.execute("update account set balance = 1 where id = 2");
            h.resetCounters();
            accounts.forEach(a -> a.setOwner("x"));
            s.updateMultiple(accounts);
        }));
        assertThat(updateMultiple).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflict(updateMultiple)).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(conflict(updateMultiple).getIdentifier()).isEqualTo(2L);
        // guarded statements of a stateless session run one by one, each checked where it runs
        assertThat(h.jdbc().executeBatchCalls()).isZero();
        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).isEqualTo(2);

        Throwable update = catchThrowable(() -> h.sessionFactory().inStatelessTransaction(s -> {
            Account account = s.get(Account.class, 3L);
            db.execute("update account set balance = 3 where id = 3");
            account.setOwner("y");
            s.update(account);
        }));
        assertThat(update).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflict(update)).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(conflict(update).getIdentifier()).isEqualTo(3L);

        Throwable deleteMultiple = catchThrowable(() -> h.sessionFactory().inStatelessTransaction(s -> {
            List<Account> accounts = s.createSelectionQuery("from Account order by id", Account.class).getResultList();
            db.execute("update account set balance = 4 where id = 1");
            s.deleteMultiple(accounts);
        }));
        assertThat(deleteMultiple).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(conflict(deleteMultiple)).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(conflict(deleteMultiple).getIdentifier()).isEqualTo(1L);

        assertThat(db.queryForLong("select count(*) from account")).isEqualTo(3);
        assertThat(db.queryForLong("select count(*) from account where owner in ('x', 'y')")).isZero();
    }

    @AllDatabases
    void aScrollKeepsSnapshotsOnlyOfTheInstancesTheCallerHolds(TestDatabase db) {
        int rows = 50_000;
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class)
                .setting("hibernate.jdbc.batch_size", 1000).build();
        h.sessionFactory().inStatelessTransaction(s -> {
            for (long id = 1; id <= rows; id++) {
                s.insert(new Account(id, new BigDecimal("10.00"), "o"));
            }
        });

        h.sessionFactory().inStatelessTransaction(s -> {
            List<WeakReference<Account>> dropped = new ArrayList<>();
            Account kept = null;
            int seen = 0;
            try (var scroll = s.createSelectionQuery("from Account order by id", Account.class)
                    .scroll(ScrollMode.FORWARD_ONLY)) {
                while (scroll.next()) {
                    Account account = scroll.get();
                    seen++;
                    if (account.getId() == 7L) {
                        kept = account;
                    }
                    else if (account.getId() % 5_000 == 1) {
                        // not the last row: Hibernate 7.2 itself keeps the scroll's last entity reachable
                        dropped.add(new WeakReference<>(account));
                    }
                }
            }
            assertThat(seen).isEqualTo(rows);
            // no snapshot keeps an instance the caller dropped reachable
            for (int i = 0; i < 20 && dropped.stream().anyMatch(r -> r.get() != null); i++) {
                System.gc();
            }
            assertThat(dropped).hasSize(10).allSatisfy(reference -> assertThat(reference.get()).isNull());

            // the instance the caller held still has its snapshot: its update is guarded
            db.execute("update account set balance = 1 where id = 7");
            kept.setOwner("late");
            Account held = kept;
            Throwable thrown = catchThrowable(() -> s.update(held));
            assertThat(conflict(thrown)).isExactlyInstanceOf(FieldConflictException.class);
        });
        assertThat(db.queryForLong("select count(*) from account where owner = 'late'")).isZero();
    }
}

package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import jakarta.persistence.OptimisticLockException;

/** {@code hibernate.cas.enabled=false}: nothing of ours runs, and one WARN names the entities left unguarded. */
class DisabledTest {

    @AllDatabases
    void disabledLibraryRegistersNothingAndWarnsOnceNamingTheEntities(TestDatabase db) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        HibernateFixture h;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            h = HibernateTestFactory.forDatabase(db).entities(Account.class, Ledger.class, Customer.class)
                    .setting("hibernate.cas.enabled", "false").build();
        }
        finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("hibernate-cas is disabled")).count())
                .isEqualTo(1);
        assertThat(log).contains("WARN").contains("hibernate-cas is disabled (hibernate.cas.enabled=false): the @Cas "
                + "attributes of io.hibernatecas.core.Account, io.hibernatecas.core.Ledger are not checked");

        h.inTransaction(s -> s.persist(new Account(1L, new BigDecimal("1.00"), "ann")));
        h.sql().clear();
        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            db.execute("update account set version = 3 where id = 1");
            account.setOwner("bob");
            s.flush();
        }));
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update account set balance=?,owner=?,version=? where id=? and version=?");
        assertThat(thrown).isNotInstanceOf(CasConflictException.class)
                .isInstanceOfAny(org.hibernate.StaleStateException.class, OptimisticLockException.class);

        h.inTransaction(s -> assertThatThrownBy(() -> CasOperations.increment(s, Account.class, 1L, "balance", 1))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("CasOperations cannot be used with this EntityManagerFactory: hibernate-cas is disabled "
                        + "for it (hibernate.cas.enabled=false)"));
    }
}

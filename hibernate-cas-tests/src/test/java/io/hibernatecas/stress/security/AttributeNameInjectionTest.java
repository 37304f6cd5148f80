package io.hibernatecas.stress.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Session;

/**
 * An attribute name is looked up in the mapping and never reaches SQL as text: every entry point of
 * {@link CasOperations} that takes names refuses hostile ones before any statement is prepared, and the statement
 * of an accepted name carries the mapped column name only. ({@code AttributeValidationTest} pins the message for
 * two such names on {@code compareAndSet} and {@code increment}; this test sweeps all entry points.)
 */
class AttributeNameInjectionTest {

    private static final List<String> HOSTILE = List.of(
            "amount = 0 --",
            "balance = 0 --",
            "balance; drop table security_vault",
            "balance' or '1'='1",
            "id) or (1=1",
            "balance/**/",
            " balance",
            "BALANCE",
            "security_vault.balance",
            "token = token");

    @AllDatabases
    void hostileAttributeNamesNeverReachSql(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Vault.class).build();
        h.inTransaction(s -> s.persist(new Vault(1L, Secrets.BALANCE, Secrets.TOKEN, "ann")));

        for (String name : HOSTILE) {
            h.resetCounters();
            h.inTransaction(s -> {
                Vault vault = s.find(Vault.class, 1L);
                h.resetCounters();
                refused(name, () -> CasOperations.compareAndSet(s, Vault.class, 1L, name, Secrets.BALANCE,
                        BigDecimal.ZERO));
                refused(name, () -> CasOperations.increment(s, Vault.class, 1L, name, 1));
                refused(name, () -> CasOperations.findOrCreate(s, Vault.class, name, "x", () -> null));
                refused(name, () -> CasOperations.findOrCreate(s, Vault.class, Map.of("token", "x", name, "y"),
                        () -> null));
                refused(name, () -> CasOperations.expectValues(s, vault, Map.of(name, BigDecimal.ZERO)));
            });
            assertThat(h.sql().statements()).as("statements prepared for '%s'", name).isEmpty();
            assertThat(h.jdbc().executionCount()).isZero();
        }

        h.resetCounters();
        assertThat(h.fromTransaction((Session s) -> CasOperations.compareAndSet(s, Vault.class, 1L, "balance",
                Secrets.BALANCE, BigDecimal.ONE))).isTrue();
        assertThat(h.sql().updates()).singleElement().satisfies(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update security_vault set balance=?,version=version+1 where id=? and balance=?"));
        assertThat(db.queryForLong("select count(*) from security_vault where balance = 1")).isEqualTo(1);
    }

    private static void refused(String name, Runnable call) {
        assertThatThrownBy(call::run).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }
}

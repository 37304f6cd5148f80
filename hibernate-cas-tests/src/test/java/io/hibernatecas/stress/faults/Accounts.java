package io.hibernatecas.stress.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.hibernatecas.stress.BankAccount;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import jakarta.persistence.EntityManager;

/** Two accounts of 100.00 for the fault tests, and what the database holds afterwards. */
final class Accounts {

    static final BigDecimal OPENING = new BigDecimal("100.00");

    private Accounts() {
    }

    static HibernateFixture open(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(BankAccount.class).build();
        h.inTransaction(s -> {
            s.persist(new BankAccount(1L, OPENING));
            s.persist(new BankAccount(2L, OPENING));
        });
        return h;
    }

    /** Moves {@code amount} from account 1 to account 2 in {@code em}'s transaction: two UPDATEs, 1 first. */
    static void transfer(EntityManager em, String amount) {
        BankAccount from = em.find(BankAccount.class, 1L);
        BankAccount to = em.find(BankAccount.class, 2L);
        assertThat(from.transferTo(to, new BigDecimal(amount))).isTrue();
    }

    /** {@code "<id>=<balance>@v<version>"} for both accounts, read with plain JDBC, e.g. {@code 1=100.00@v0}. */
    static List<String> state(TestDatabase db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "select id, balance, version from stress_account order by id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "=" + rs.getBigDecimal(2).setScale(2) + "@v" + rs.getLong(3));
            }
        }
        return rows;
    }

    /** The SQLState and vendor code of the first {@link SQLException} in the chain, e.g. {@code 57P01/0}. */
    static String sqlState(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return e.getSQLState() + "/" + e.getErrorCode();
            }
        }
        return null;
    }

    /** The chain as {@code Type: message <- Type: message}, for assertion messages. */
    static String chain(Throwable thrown) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            b.append(b.length() == 0 ? "" : " <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }
}

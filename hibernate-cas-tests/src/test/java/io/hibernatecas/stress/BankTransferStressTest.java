package io.hibernatecas.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.util.List;

import io.hibernatecas.CasRetry;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * The bank: 50 accounts, 8 threads moving random amounts between random accounts through {@link CasRetry}, each
 * transfer reading both accounts and moving the amount only if the source holds enough ({@link Bank}).
 * <p>
 * Checked at the end, against the database: every account's balance is exactly its opening balance plus what the
 * committed transfers moved in and out of it (so also: the total never changed and no balance is negative), every
 * account's version is exactly the number of committed transfers that wrote it, and every attempt is accounted for
 * once: {@code attempts = commits + retried + exhausted + other failures}, with no other failures.
 */
class BankTransferStressTest {

    private static final int THREADS = 8;
    private static final int BOUNDED_TRANSFERS_PER_THREAD = 40;

    @AllDatabases
    void randomTransfersKeepEveryBalanceExactAndNeverNegative(TestDatabase db) throws Exception {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(BankAccount.class).build();
        Bank.open(h.sessionFactory());
        assertThat(catchThrowable(() -> db.execute("update stress_account set balance = -1 where id = 1")))
                .as("the CHECK constraint backs the application's own check").isNotNull();
        Tally tally = new Tally();
        Bank bank = new Bank(h.sessionFactory(), tally);

        Load.Result result = Load.run(h, THREADS, BOUNDED_TRANSFERS_PER_THREAD,
                (thread, random) -> bank.transfer(random));

        List<String> violations;
        try (Connection c = db.connection()) {
            violations = Bank.check(c, bank.net(), bank.writes());
        }
        if (!tally.balanced()) {
            violations.add("attempts do not add up: " + tally.summary());
        }
        StressReport.print("bank", db.name(), result, tally, violations,
                "transfers " + bank.moved() + " moved, " + bank.declined() + " declined for lack of funds");

        assertThat(violations).isEmpty();
        assertThat(tally.failures()).as("failures other than retried conflicts: %s", tally.firstFailure()).isZero();
        assertThat(tally.commits() + tally.exhausted()).isEqualTo(result.operations());
        assertThat(bank.moved() + bank.declined()).isEqualTo(tally.commits());
    }
}

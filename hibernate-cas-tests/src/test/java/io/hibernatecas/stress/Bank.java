package io.hibernatecas.stress;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;

import org.hibernate.SessionFactory;

/**
 * The bank workload, shared by {@link BankTransferStressTest} (threads of one JVM) and {@link StressWorkerProcess}
 * (several JVMs): random transfers between {@link #ACCOUNTS} accounts through {@link CasRetry}, with the committed
 * effect of each transfer recorded per account (net amount in cents, number of writes), so that the end state can
 * be checked exactly, account by account.
 */
final class Bank {

    static final int ACCOUNTS = 50;
    static final long OPENING_CENTS = 100_00;
    private static final int MAX_AMOUNT_CENTS = 60_00;

    private final CasRetry retry;
    private final Tally tally;
    private final LongAdder[] net = adders();
    private final LongAdder[] writes = adders();
    private final LongAdder moved = new LongAdder();
    private final LongAdder declined = new LongAdder();

    Bank(SessionFactory factory, Tally tally) {
        this.tally = tally;
        this.retry = CasRetry.of(factory)
                .maxRetries(100)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(50))
                .onRetry(tally);
    }

    /** Persists the accounts, each with the opening balance. */
    static void open(SessionFactory factory) {
        factory.inTransaction(s -> {
            for (long id = 1; id <= ACCOUNTS; id++) {
                s.persist(new BankAccount(id, BigDecimal.valueOf(OPENING_CENTS, 2)));
            }
        });
    }

    /** One transfer of a random amount between two random accounts, if the source holds enough. */
    void transfer(SplittableRandom random) {
        int from = 1 + random.nextInt(ACCOUNTS);
        int to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        long cents = 1 + random.nextInt(MAX_AMOUNT_CENTS);
        BigDecimal amount = BigDecimal.valueOf(cents, 2);
        boolean[] transferred = new boolean[1];
        try {
            retry.inTransaction(em -> {
                tally.attempt();
                BankAccount source = em.find(BankAccount.class, (long) from);
                BankAccount target = em.find(BankAccount.class, (long) to);
                transferred[0] = source.transferTo(target, amount);
            });
        }
        catch (RetryExhaustedException e) {
            tally.exhausted(e);
            return;
        }
        catch (RuntimeException e) {
            tally.failed(e);
            return;
        }
        tally.commit();
        if (transferred[0]) {
            net[from - 1].add(-cents);
            net[to - 1].add(cents);
            writes[from - 1].increment();
            writes[to - 1].increment();
            moved.increment();
        }
        else {
            declined.increment();
        }
    }

    long moved() {
        return moved.sum();
    }

    long declined() {
        return declined.sum();
    }

    /** The committed net change of each account in cents, index 0 = account 1. */
    long[] net() {
        return sums(net);
    }

    /** The committed writes of each account (each moves its version by one). */
    long[] writes() {
        return sums(writes);
    }

    /**
     * What the database holds against what the committed transfers say: each balance exactly opening + net, never
     * negative, each version exactly the number of writes, the total unchanged.
     */
    static List<String> check(Connection c, long[] net, long[] writes) throws SQLException {
        List<String> violations = new ArrayList<>();
        long total = 0;
        int accounts = 0;
        try (Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select id, balance, version from stress_account order by id")) {
            while (rows.next()) {
                accounts++;
                int i = rows.getInt(1) - 1;
                long cents = rows.getBigDecimal(2).movePointRight(2).longValueExact();
                total += cents;
                if (cents != OPENING_CENTS + net[i]) {
                    violations.add("account " + (i + 1) + " holds " + cents + " cents, the committed transfers say "
                            + (OPENING_CENTS + net[i]));
                }
                if (cents < 0) {
                    violations.add("account " + (i + 1) + " is negative: " + cents);
                }
                if (rows.getLong(3) != writes[i]) {
                    violations.add("account " + (i + 1) + " has version " + rows.getLong(3) + " after " + writes[i]
                            + " committed writes");
                }
            }
        }
        if (accounts != ACCOUNTS) {
            violations.add(accounts + " accounts instead of " + ACCOUNTS);
        }
        if (total != ACCOUNTS * OPENING_CENTS) {
            violations.add("total is " + total + " cents instead of " + ACCOUNTS * OPENING_CENTS);
        }
        return violations;
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    private static long[] sums(LongAdder[] adders) {
        long[] sums = new long[adders.length];
        for (int i = 0; i < adders.length; i++) {
            sums[i] = adders[i].sum();
        }
        return sums;
    }
}

package io.hibernatecas.stress;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.testing.DriverManagerDataSource;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;

/**
 * One of the processes of {@link MultiProcessStressTest}: boots its own Hibernate on the database whose JDBC URL,
 * user and password it is given, and runs {@link #THREADS} threads that each either increment the hot counter or
 * make a bank transfer, both through {@link CasRetry}, for as long as {@code cas.stress.seconds} says (or a fixed
 * number of operations). Then it prints what it committed and exits by itself:
 * <pre>
 * RESULT counter=&lt;increments&gt; transfers=&lt;moved&gt; declined=&lt;n&gt; operations=&lt;n&gt; attempts=...
 *        balanced=true|false failures=&lt;n&gt; millis=&lt;load time&gt;
 * ACCOUNT &lt;id&gt; &lt;net cents&gt; &lt;writes&gt;       (one line per account)
 * </pre>
 * Exit status 0 when it ran to the end, 1 on an unexpected failure (with the stack trace on stderr).
 */
public final class StressWorkerProcess {

    static final int THREADS = 2;
    static final int BOUNDED_OPERATIONS_PER_THREAD = 40;

    private StressWorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StressWorkerProcess <jdbc url> <user> <password>");
            System.exit(2);
        }
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(Map.of(
                JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, new DriverManagerDataSource(args[0], args[1], args[2], null),
                SchemaToolingSettings.HBM2DDL_AUTO, "none")).build();
        SessionFactory factory = new MetadataSources(registry)
                .addAnnotatedClass(BankAccount.class)
                .addAnnotatedClass(HotCounter.class)
                .buildMetadata().buildSessionFactory();
        try (factory) {
            run(factory);
        }
        catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(SessionFactory factory) throws Exception {
        Tally tally = new Tally();
        Bank bank = new Bank(factory, tally);
        CasRetry retry = CasRetry.of(factory)
                .maxRetries(200)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .onRetry(tally);
        LongAdder increments = new LongAdder();

        Load.Result result = Load.run(null, THREADS, BOUNDED_OPERATIONS_PER_THREAD, (thread, random) -> {
            if (random.nextBoolean()) {
                bank.transfer(random);
                return;
            }
            try {
                retry.inTransaction(em -> {
                    tally.attempt();
                    em.find(HotCounter.class, 1L).increment();
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
            increments.increment();
        });

        if (tally.firstFailure() != null) {
            tally.firstFailure().printStackTrace();
        }
        System.out.println("RESULT counter=" + increments.sum() + " transfers=" + bank.moved() + " declined="
                + bank.declined() + " operations=" + result.operations() + " attempts=" + tally.attempts()
                + " commits=" + tally.commits() + " retries=" + tally.retries() + " exhausted=" + tally.exhausted()
                + " failures=" + tally.failures() + " conflicts=" + tally.conflicts() + " balanced="
                + tally.balanced() + " millis=" + result.elapsed().toMillis());
        long[] net = bank.net();
        long[] writes = bank.writes();
        for (int i = 0; i < Bank.ACCOUNTS; i++) {
            System.out.println("ACCOUNT " + (i + 1) + " " + net[i] + " " + writes[i]);
        }
    }
}

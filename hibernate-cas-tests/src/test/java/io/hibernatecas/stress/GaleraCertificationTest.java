package io.hibernatecas.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.CommitConflictException;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.testing.GaleraCluster;
import io.hibernatecas.testing.HibernateFixture;

import org.hibernate.TransactionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.persistence.EntityManager;

/**
 * A certification failure, for real: two transactions on different nodes of the Galera cluster write the same
 * row; each statement succeeds on its own node, the first commit wins, and the second node refuses the other
 * commit with deadlock 1213. {@code CasRetry} reports it as a {@link CommitConflictException} that names the rows
 * the refused transaction had written, and retries it. Runs in the {@code galera} profile only.
 */
class GaleraCertificationTest {

    private GaleraCluster cluster;
    private List<HibernateFixture> nodes;

    @BeforeEach
    void cluster() {
        cluster = GaleraCluster.create("galera_certification");
        nodes = cluster.factories(BankAccount.class, HotCounter.class);
        nodes.get(0).inTransaction(s -> {
            s.persist(new BankAccount(1L, new BigDecimal("100.00")));
            s.persist(new BankAccount(2L, new BigDecimal("100.00")));
            s.persist(new HotCounter(1L));
        });
    }

    @AfterEach
    void drop() {
        cluster.close();
    }

    /**
     * Runs {@code loser} on node 2 inside {@code retry}: its first attempt writes, flushes, and then waits until a
     * transaction on node 1 that writes the same rows has committed, so that its own commit fails certification.
     */
    private <T> T loseFirstAttempt(CasRetry retry, AtomicInteger attempts, Consumer<EntityManager> winner,
            Function<EntityManager, T> loser) {
        return retry.fromTransaction(em -> {
            T result = loser.apply(em);
            em.flush();
            if (attempts.incrementAndGet() == 1) {
                CompletableFuture.runAsync(() -> nodes.get(0).sessionFactory().inTransaction(winner::accept)).join();
            }
            return result;
        });
    }

    @Test
    void certificationFailureAtCommitNamesTheRowsTheTransactionHadWritten() {
        CasRetry once = CasRetry.of(nodes.get(1).sessionFactory()).maxRetries(0);
        AtomicInteger attempts = new AtomicInteger();

        Throwable thrown = catchThrowable(() -> loseFirstAttempt(once, attempts,
                em -> em.find(BankAccount.class, 2L).adjust(new BigDecimal("5.00")),
                em -> em.find(BankAccount.class, 1L).transferTo(em.find(BankAccount.class, 2L),
                        new BigDecimal("10.00"))));

        assertThat(thrown).isInstanceOf(RetryExhaustedException.class)
                .hasMessage("Gave up after 1 attempt: Cluster certification conflict at commit: another node "
                        + "committed a conflicting write first, so nothing of this transaction was written; it had "
                        + "written [io.hibernatecas.stress.BankAccount#1], [io.hibernatecas.stress.BankAccount#2]");
        RetryExhaustedException exhausted = (RetryExhaustedException) thrown;
        assertThat(exhausted.getReason()).isEqualTo(RetryReason.DEADLOCK);
        assertThat(exhausted.getCause()).isInstanceOf(CommitConflictException.class);
        CommitConflictException conflict = (CommitConflictException) exhausted.getCause();
        assertThat(conflict.isCertificationFailure()).isTrue();
        assertThat(conflict.getHttpStatus()).isEqualTo(409);
        assertThat(conflict.getWrittenRows())
                .isEqualTo(Map.of("io.hibernatecas.stress.BankAccount", List.of(1L, 2L)));
        assertThat(conflict.getCause()).as("the failure as Hibernate threw it").isInstanceOf(TransactionException.class);
        assertThat(sqlCode(conflict)).isEqualTo("40001/1213");
        // nothing of the refused transfer, the winner's change once, on every node
        for (int node = 0; node < cluster.size(); node++) {
            assertThat(cluster.node(node).queryForLong("select balance * 100 from stress_account where id = 1"))
                    .isEqualTo(100_00);
            assertThat(cluster.node(node).queryForLong("select balance * 100 from stress_account where id = 2"))
                    .isEqualTo(105_00);
        }
    }

    @Test
    void certificationFailureIsRetriedAndTheRetryCommitsOnTheLatestRow() {
        CasRetry retry = CasRetry.of(nodes.get(1).sessionFactory()).maxRetries(3)
                .backoff(Duration.ZERO, Duration.ZERO);
        AtomicInteger attempts = new AtomicInteger();
        List<Throwable> retried = new CopyOnWriteArrayList<>();

        boolean moved = loseFirstAttempt(retry.onRetry(event -> retried.add(event.failure())), attempts,
                em -> em.find(BankAccount.class, 1L).adjust(new BigDecimal("-95.00")),
                em -> em.find(BankAccount.class, 1L).transferTo(em.find(BankAccount.class, 2L),
                        new BigDecimal("10.00")));

        assertThat(attempts).hasValue(2);
        assertThat(moved).as("the retry read the winner's balance of 5.00 and declined").isFalse();
        assertThat(retried).singleElement().isInstanceOf(CommitConflictException.class);
        assertThat(cluster.node(2).queryForLong("select balance * 100 from stress_account where id = 1"))
                .isEqualTo(5_00);
        assertThat(cluster.node(2).queryForLong("select version from stress_account where id = 1")).isEqualTo(1);
    }

    @Test
    void incrementThatLosesCertificationIsRetriedAndNamesItsRow() {
        CasRetry retry = CasRetry.of(nodes.get(1).sessionFactory()).maxRetries(2)
                .backoff(Duration.ZERO, Duration.ZERO);
        AtomicInteger attempts = new AtomicInteger();
        List<Throwable> retried = new CopyOnWriteArrayList<>();

        boolean found = loseFirstAttempt(retry.onRetry(event -> retried.add(event.failure())), attempts,
                em -> CasOperations.increment(em, HotCounter.class, 1L, "hits", 10),
                em -> CasOperations.increment(em, HotCounter.class, 1L, "hits", 1));

        assertThat(found).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(retried).hasSize(1);
        assertThat(retried.get(0)).isInstanceOf(CommitConflictException.class)
                .hasMessageEndingWith("it had written [io.hibernatecas.stress.HotCounter#1]");
        assertThat(cluster.node(0).queryForLong("select hits from stress_counter where id = 1")).isEqualTo(11);
        assertThat(cluster.node(0).queryForLong("select version from stress_counter where id = 1")).isEqualTo(2);
    }

    private static String sqlCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql.getSQLState() + "/" + sql.getErrorCode();
            }
        }
        return "none";
    }
}

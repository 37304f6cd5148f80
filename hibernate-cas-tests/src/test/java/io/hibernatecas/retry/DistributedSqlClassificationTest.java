package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.sql.SQLException;
import java.util.stream.Stream;

import io.hibernatecas.RetryReason;
import io.hibernatecas.internal.RetryClassifier;

import org.hibernate.TransactionException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jakarta.persistence.RollbackException;

/**
 * The databases that cannot run here, classified from their documentation (the sources are cited in
 * {@link RetryClassifier}'s javadoc): each error as its JDBC driver reports it (SQLState, vendor code, the
 * documented message), bare, inside Hibernate's statement wrapper and inside a failed commit.
 */
class DistributedSqlClassificationTest {

    static Stream<Arguments> documentedRetryableErrors() {
        return Stream.of(
                // CockroachDB (pgjdbc: vendor code 0): every transaction retry error is 40001 "restart transaction"
                arguments("CockroachDB RETRY_SERIALIZABLE", "40001", 0, "restart transaction: "
                        + "TransactionRetryWithProtoRefreshError: TransactionRetryError: retry txn (RETRY_SERIALIZABLE)",
                        RetryReason.SERIALIZATION_FAILURE),
                arguments("CockroachDB WriteTooOld", "40001", 0, "restart transaction: "
                        + "TransactionRetryWithProtoRefreshError: WriteTooOldError: write for key /Table/1/1 at "
                        + "timestamp 1.0 too old; wrote at 2.0", RetryReason.SERIALIZATION_FAILURE),
                arguments("CockroachDB RETRY_WRITE_TOO_OLD", "40001", 0, "restart transaction: "
                        + "TransactionRetryWithProtoRefreshError: TransactionRetryError: retry txn (RETRY_WRITE_TOO_OLD)",
                        RetryReason.SERIALIZATION_FAILURE),
                // YugabyteDB YSQL (pgjdbc or the YugabyteDB smart driver: vendor code 0)
                arguments("YugabyteDB serialization_failure", "40001", 0,
                        "could not serialize access due to concurrent update", RetryReason.SERIALIZATION_FAILURE),
                arguments("YugabyteDB deadlock_detected", "40P01", 0, "deadlock detected", RetryReason.DEADLOCK),
                // TiDB (MySQL protocol, SQLState HY000 for its own codes)
                arguments("TiDB 9007 write conflict in TiKV", "HY000", 9007, "Write conflict, txnStartTS=1, "
                        + "conflictStartTS=2, conflictCommitTS=3, key={tableID=1, handle=1} [try again later]",
                        RetryReason.SERIALIZATION_FAILURE),
                arguments("TiDB 8002 SELECT FOR UPDATE write conflict", "HY000", 8002,
                        "[tikv:8002] can not retry select for update statement", RetryReason.SERIALIZATION_FAILURE),
                arguments("TiDB 8005 stale txnStartTS", "HY000", 8005, "Write Conflict, txnStartTS is stale",
                        RetryReason.SERIALIZATION_FAILURE),
                arguments("TiDB pessimistic deadlock", "40001", 1213,
                        "Deadlock found when trying to get lock; try restarting transaction", RetryReason.DEADLOCK),
                arguments("TiDB pessimistic lock wait timeout", "HY000", 1205,
                        "Lock wait timeout exceeded; try restarting transaction", RetryReason.LOCK_TIMEOUT),
                // SQL Server (Microsoft JDBC driver: 1205 as SQLState 40001)
                arguments("SQL Server 1205 deadlock victim", "40001", 1205, "Transaction (Process ID 52) was "
                        + "deadlocked on lock resources with another process and has been chosen as the deadlock "
                        + "victim. Rerun the transaction.", RetryReason.DEADLOCK),
                arguments("SQL Server 3960 snapshot update conflict", "S0001", 3960, "Snapshot isolation transaction "
                        + "aborted due to update conflict. You cannot use snapshot isolation to access table "
                        + "'dbo.account' directly or indirectly in database 'bank' to update, delete, or insert the "
                        + "row that has been modified or deleted by another transaction. Retry the transaction or "
                        + "change the isolation level for the update/delete statement.",
                        RetryReason.SERIALIZATION_FAILURE),
                // Oracle (ojdbc: the ORA number is the vendor code)
                arguments("Oracle ORA-08177", "72000", 8177, "ORA-08177: can't serialize access for this transaction",
                        RetryReason.SERIALIZATION_FAILURE),
                arguments("Oracle ORA-00060", "61000", 60, "ORA-00060: deadlock detected while waiting for resource",
                        RetryReason.DEADLOCK),
                // Galera: a certification failure is reported at COMMIT as MariaDB's deadlock
                arguments("Galera certification failure", "40001", 1213,
                        "Deadlock found when trying to get lock; try restarting transaction", RetryReason.DEADLOCK));
    }

    @ParameterizedTest(name = "{0} ({1}/{2}) is {4}")
    @MethodSource("documentedRetryableErrors")
    void documentedTransientErrorIsRetryable(String name, String sqlState, int vendorCode, String message,
            RetryReason reason) {
        SQLException sql = new SQLException(message, sqlState, vendorCode);

        assertThat(RetryClassifier.classify(sql)).as(name).contains(reason);
        assertThat(RetryClassifier.classify(new GenericJDBCException("could not execute statement", sql)))
                .as(name).contains(reason);
        assertThat(RetryClassifier.classify(new RollbackException("Error while committing the transaction",
                new TransactionException("Unable to commit against JDBC Connection", sql)))).as(name).contains(reason);
    }

    static Stream<Arguments> documentedPermanentErrors() {
        return Stream.of(
                // CockroachDB's ambiguous result: the commit may have happened; retrying could apply it twice
                arguments("CockroachDB 40003 statement_completion_unknown", "40003", 0),
                arguments("TiDB 8004 transaction too large", "HY000", 8004),
                arguments("SQL Server 2627 duplicate key", "23000", 2627),
                arguments("Oracle ORA-00001 unique constraint violated", "23000", 1),
                arguments("YugabyteDB 25P02 in failed transaction", "25P02", 0));
    }

    @ParameterizedTest(name = "{0} ({1}/{2}) is not retried")
    @MethodSource("documentedPermanentErrors")
    void documentedPermanentErrorIsNotRetried(String name, String sqlState, int vendorCode) {
        SQLException sql = new SQLException(name, sqlState, vendorCode);

        assertThat(RetryClassifier.classify(sql)).isEmpty();
        assertThat(RetryClassifier.classify(new GenericJDBCException("could not execute statement", sql))).isEmpty();
    }
}

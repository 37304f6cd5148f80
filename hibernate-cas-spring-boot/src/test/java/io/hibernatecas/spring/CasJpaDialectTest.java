package io.hibernatecas.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.Conflict;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.EntityDeletedException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;

/**
 * A conflict whose chain holds only the Hibernate view (a forced version increment at a JPA commit: Hibernate wraps
 * {@link CasStaleObjectStateException} in its own {@code OptimisticLockException}) still ends as Spring's exception
 * caused by the JPA view, so {@code @ExceptionHandler(CasConflictException.class)} and {@code @Retryable} see it.
 */
class CasJpaDialectTest {

    @Test
    void conflictBehindHibernatesOwnOptimisticLockExceptionKeepsItsType() {
        Conflict deleted = new Conflict("com.acme.Invoice", 7L, null, ConflictReason.DELETED, 3, null, List.of(),
                Map.of(), Map.of(), 404);
        CasStaleObjectStateException stale = new CasStaleObjectStateException(
                "[com.acme.Invoice#7] was deleted by another transaction (expected version 3)", deleted,
                List.of(deleted), true, false, null);
        RuntimeException commit = new RollbackException("Error while committing the transaction",
                new OptimisticLockException(stale.getMessage(), stale));

        DataAccessException translated = new CasJpaDialect().translateExceptionIfPossible(commit);

        assertThat(translated).isExactlyInstanceOf(ObjectOptimisticLockingFailureException.class)
                .hasMessage("[com.acme.Invoice#7] was deleted by another transaction (expected version 3)");
        assertThat(translated.getCause()).isSameAs(stale.getConflictException())
                .isExactlyInstanceOf(EntityDeletedException.class);
        assertThat(((ObjectOptimisticLockingFailureException) translated).getPersistentClassName())
                .isEqualTo("com.acme.Invoice");
        assertThat(((ObjectOptimisticLockingFailureException) translated).getIdentifier()).isEqualTo(7L);
        assertThat(CasConflictException.findIn(translated)).containsSame(stale.getConflictException());
    }
}

package io.hibernatecas.spring;

import java.util.Optional;

import io.hibernatecas.CasConflictException;

import org.springframework.dao.DataAccessException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

/**
 * Spring's {@link HibernateJpaDialect} that keeps the typed conflict in the exception it translates to.
 * <p>
 * Spring builds its exception for a {@code PersistenceException} from the Hibernate exception behind it, so the
 * {@code ObjectOptimisticLockingFailureException} of a conflict would carry Hibernate's view of it.
 * This dialect translates every exception whose chain holds a conflict ({@link CasConflictException#findIn}: the
 * JPA view thrown by a flush in a repository or found by the commit of {@code JpaTransactionManager}, or
 * Hibernate's view {@code CasStaleObjectStateException}) to an
 * {@code ObjectOptimisticLockingFailureException} with the same persistent class name (the entity name),
 * identifier and message, whose cause is the {@code CasConflictException} (the JPA view). So everything that matches an
 * exception and its causes sees the conflict's type: Spring MVC's {@code @ExceptionHandler(CasConflictException.class)},
 * and {@code @Retryable(includes = CasConflictException.class, excludes = EntityDeletedException.class)}.
 * Other exceptions are translated as by {@code HibernateJpaDialect}.
 * <p>
 * The Spring Boot auto-configuration installs it on the application's
 * {@code LocalContainerEntityManagerFactoryBean} when no other dialect was set; elsewhere:
 * {@code factoryBean.setJpaDialect(new CasJpaDialect())}.
 */
public class CasJpaDialect extends HibernateJpaDialect {

    private static final long serialVersionUID = 1L;

    @Override
    public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        Optional<CasConflictException> conflict = CasConflictException.findIn(ex);
        if (conflict.isPresent()) {
            CasConflictException found = conflict.get();
            return new ObjectOptimisticLockingFailureException(found.getEntityName(), found.getIdentifier(),
                    found.getMessage(), found);
        }
        return super.translateExceptionIfPossible(ex);
    }
}

package io.hibernatecas;

import org.hibernate.HibernateException;

/**
 * The JDBC driver answered a guarded statement in a way that cannot tell whether it matched a row
 * ({@code Statement.SUCCESS_NO_INFO}, or a connection that reports affected instead of matched rows), so a
 * conflict could pass unseen. The message names the driver setting to change. Controlled by
 * {@link CasSettings#UNVERIFIABLE_UPDATES}. Raised only for a statement that checks something (a {@code @Version},
 * a {@link Cas @Cas} guard, a client-held expectation); an entity with nothing to check is left to Hibernate.
 * <p>
 * A {@code HibernateException} (thus a {@code jakarta.persistence.PersistenceException}), so it crosses Hibernate's
 * before-completion callbacks unwrapped.
 */
public class UnverifiableUpdateException extends HibernateException {

    private static final long serialVersionUID = 2L;

    public UnverifiableUpdateException(String message) {
        super(message);
    }
}

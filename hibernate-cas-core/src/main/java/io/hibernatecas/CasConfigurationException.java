package io.hibernatecas;

import org.hibernate.HibernateException;

/**
 * A misplaced {@link Cas @Cas}, a combination of mappings that cannot be guarded, or a bad {@code hibernate.cas.*}
 * value. Thrown while the {@code SessionFactory} is built, so nothing runs unguarded; the message names the class
 * and attribute or the setting, the bad value and what is allowed.
 */
public class CasConfigurationException extends HibernateException {

    private static final long serialVersionUID = 1L;

    public CasConfigurationException(String message) {
        super(message);
    }
}

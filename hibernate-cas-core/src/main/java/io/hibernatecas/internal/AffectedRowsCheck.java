package io.hibernatecas.internal;

import java.sql.SQLException;
import java.util.Locale;

import io.hibernatecas.CasSettings;
import io.hibernatecas.UnverifiableUpdateException;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

import org.jboss.logging.Logger;

/**
 * Refuses a connection that counts <em>affected</em> instead of <em>matched</em> rows (MariaDB/MySQL
 * {@code useAffectedRows=true}): there an {@code UPDATE} that writes the values a row already has reports 0 rows,
 * which is indistinguishable from a conflict. Checked once per entity type, on the first write that checks something
 * (a {@code @Version}, a {@code @Cas} guard, a client-held expectation), from the connection URL; a driver property
 * set elsewhere (a {@code DataSource} bean) is not visible here. An entity with nothing to check is never refused:
 * plain Hibernate's behaviour on such a connection is left as it is.
 */
final class AffectedRowsCheck {

    private static final Logger LOG = Logger.getLogger(AffectedRowsCheck.class);

    private final boolean fail;
    private final boolean alwaysChecks;
    private volatile boolean checked;

    /** @param alwaysChecks whether every statement of the entity checks something (a version or a guard) */
    AffectedRowsCheck(boolean fail, boolean alwaysChecks) {
        this.fail = fail;
        this.alwaysChecks = alwaysChecks;
    }

    /** @param clientHeld whether this statement checks a client-held version or values */
    void verify(SharedSessionContractImplementor session, String entityName, boolean clientHeld) {
        if (checked || !alwaysChecks && !clientHeld) {
            return;
        }
        String url;
        try {
            url = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection().getMetaData().getURL();
        }
        catch (SQLException | RuntimeException e) {
            LOG.debugf(e, "Could not read the JDBC URL to check for useAffectedRows");
            checked = true;
            return;
        }
        checked = true;
        if (url != null && url.toLowerCase(Locale.ROOT).replace(" ", "").contains("useaffectedrows=true")) {
            String message = "The JDBC connection counts affected instead of matched rows (useAffectedRows=true), so "
                    + "a guarded UPDATE of " + entityName + " that writes unchanged values would look like a conflict "
                    + "and a conflict could not be told from it; remove useAffectedRows=true from the JDBC URL";
            if (fail) {
                checked = false;
                throw new UnverifiableUpdateException(message + " or set " + CasSettings.UNVERIFIABLE_UPDATES + "=warn");
            }
            LOG.warn(message + "; accepted because " + CasSettings.UNVERIFIABLE_UPDATES + "=warn");
        }
    }
}

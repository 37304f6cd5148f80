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
 * which is indistinguishable from a conflict. Checked once per entity type, on the first guarded write, from the
 * connection URL; a driver property set elsewhere (a {@code DataSource} bean) is not visible here.
 */
final class AffectedRowsCheck {

    private static final Logger LOG = Logger.getLogger(AffectedRowsCheck.class);

    private final boolean fail;
    private volatile boolean checked;

    AffectedRowsCheck(boolean fail) {
        this.fail = fail;
    }

    void verify(SharedSessionContractImplementor session, String entityName) {
        if (checked) {
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

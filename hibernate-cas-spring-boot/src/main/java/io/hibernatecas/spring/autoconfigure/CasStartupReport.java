package io.hibernatecas.spring.autoconfigure;

import java.util.List;

import io.hibernatecas.CasSettings;
import io.hibernatecas.CasStatus;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import jakarta.persistence.EntityManagerFactory;

/**
 * Logs one INFO line per {@code EntityManagerFactory} once the application context has created its singletons:
 * {@code hibernate-cas is active in persistence unit 'default': it guards 2 of 3 entities}, or that it is disabled.
 * Below INFO (at DEBUG) the guarded entities are named.
 */
final class CasStartupReport implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(CasStartupReport.class);

    private final ObjectProvider<EntityManagerFactory> factories;

    CasStartupReport(ObjectProvider<EntityManagerFactory> factories) {
        this.factories = factories;
    }

    @Override
    public void afterSingletonsInstantiated() {
        factories.orderedStream().forEach(factory -> LOG.info(line(factory)));
    }

    static String line(EntityManagerFactory factory) {
        String unit = factory.getName();
        if (!CasStatus.isEnabled(factory)) {
            return "hibernate-cas is disabled in persistence unit '" + unit + "' (" + CasSettings.ENABLED + "=false)";
        }
        List<String> guarded = CasStatus.guardedEntities(factory);
        int entities = factory.getMetamodel().getEntities().size();
        if (LOG.isDebugEnabled()) {
            LOG.debug("hibernate-cas guards in persistence unit '" + unit + "': " + String.join(", ", guarded));
        }
        return "hibernate-cas is active in persistence unit '" + unit + "': it guards " + guarded.size() + " of "
                + entities + (entities == 1 ? " entity" : " entities");
    }
}

package io.hibernatecas;

import java.util.List;
import java.util.Objects;

import io.hibernatecas.internal.CasConfig;
import io.hibernatecas.internal.GuardedEntities;

import org.hibernate.engine.spi.SessionFactoryImplementor;

import jakarta.persistence.EntityManagerFactory;

/**
 * What hibernate-cas does for a built {@code EntityManagerFactory}: whether it is enabled and which entities it
 * guards. For startup reports and health checks, such as the INFO line of {@code hibernate-cas-spring-boot}.
 */
public final class CasStatus {

    private CasStatus() {
    }

    /** {@code false} when the factory was built with {@link CasSettings#ENABLED} {@code false}. */
    public static boolean isEnabled(EntityManagerFactory factory) {
        Objects.requireNonNull(factory, "entityManagerFactory");
        return CasConfig.isEnabled(factory.getProperties());
    }

    /**
     * The names of the entities whose {@code UPDATE} and {@code DELETE} statements hibernate-cas guards and
     * diagnoses, sorted; empty when it is disabled. An entity with custom SQL ({@code @SQLUpdate}), a
     * non-standard optimistic-lock style ({@code ALL}, {@code DIRTY}) or a state management of its own is left
     * to Hibernate.
     */
    public static List<String> guardedEntities(EntityManagerFactory factory) {
        Objects.requireNonNull(factory, "entityManagerFactory");
        return GuardedEntities.of(factory.unwrap(SessionFactoryImplementor.class));
    }
}

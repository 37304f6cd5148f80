package io.hibernatecas.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.function.Consumer;

import io.hibernatecas.Cas;
import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.internal.HibernateVersions;

import org.hibernate.SessionFactory;
import org.hibernate.Version;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.internal.StandardPersisterClassResolver;
import org.junit.jupiter.api.Test;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * An application's own {@code hibernate.persister.resolver} is kept. On Hibernate 7.4 our coordinators do not
 * depend on the persister; on 7.2/7.3 they come with our persisters, so an entity with {@code @Cas} fails the
 * bootstrap (never runs unguarded) and an entity without keeps Hibernate's behaviour.
 */
class PersisterResolverTest {

    private static final boolean PERSISTER_HOOKS = HibernateVersions.current() == HibernateVersions.Line.PERSISTER_HOOKS;

    @Entity(name = "Plain")
    static class Plain {
        @Id Long id;
        @jakarta.persistence.Version int version;
        String name;
    }

    @Entity(name = "Guarded")
    static class Guarded {
        @Id Long id;
        @jakarta.persistence.Version int version;
        @Cas String name;
    }

    @Test
    void withTheApplicationsResolverAnEntityWithCasIsGuardedOn74AndRefusedOn72And73() {
        Throwable thrown = catchThrowable(() -> boot(factory -> {
            EntityPersister guarded = persister(factory, Guarded.class);
            assertThat(guarded.getClass().getName()).startsWith("org.hibernate.persister.entity.");
            assertThat(guarded.getUpdateCoordinator().getClass().getName())
                    .isEqualTo("io.hibernatecas.internal.CasUpdateCoordinator");
        }, Guarded.class, Plain.class));

        if (PERSISTER_HOOKS) {
            Throwable cause = thrown;
            while (cause != null && !(cause instanceof CasConfigurationException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isExactlyInstanceOf(CasConfigurationException.class).hasMessage("Entity '"
                    + Guarded.class.getName() + "' uses @Cas but the PersisterClassResolver service is "
                    + "org.hibernate.persister.internal.StandardPersisterClassResolver; on Hibernate ORM "
                    + Version.getVersionString() + " hibernate-cas adds its guards through its own resolver "
                    + "(io.hibernatecas.internal.CasPersisters): remove the application's resolver, or use "
                    + "Hibernate ORM 7.4");
        }
        else {
            assertThat(thrown).isNull();
        }
    }

    @Test
    void withTheApplicationsResolverAnEntityWithoutCasBoots() {
        boot(factory -> {
            EntityPersister plain = persister(factory, Plain.class);
            assertThat(plain.getClass().getName()).startsWith("org.hibernate.persister.entity.");
            // 7.4: our coordinators (typed conflicts) as always; 7.2/7.3: Hibernate's, as without hibernate-cas
            assertThat(plain.getUpdateCoordinator().getClass().getName()).isEqualTo(PERSISTER_HOOKS
                    ? "org.hibernate.persister.entity.mutation.UpdateCoordinatorStandard"
                    : "io.hibernatecas.internal.CasUpdateCoordinator");
            boolean ourRowCountCheck = plain.getIdentifierTableMapping().getUpdateDetails().getExpectation()
                    .getClass().getName().equals("io.hibernatecas.internal.CasRowCountExpectation");
            assertThat(ourRowCountCheck).isEqualTo(!PERSISTER_HOOKS);
        }, Plain.class);
    }

    private static EntityPersister persister(SessionFactory factory, Class<?> type) {
        return factory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel().getEntityDescriptor(type);
    }

    private static void boot(Consumer<SessionFactory> check, Class<?>... entities) {
        BootstrapValidationTest.boot(Map.<String, Object>of("hibernate.persister.resolver",
                StandardPersisterClassResolver.class.getName()), check, entities);
    }
}

package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hibernatecas.core.inheritance.Animal;
import io.hibernatecas.core.inheritance.Dog;
import io.hibernatecas.internal.HibernateVersions;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The places where we plug into Hibernate internals, checked directly: if an upgrade changes how Hibernate picks
 * coordinators, persisters or row-count checks, this test names the broken touch point (the write-path tests then
 * show the consequence). Touch points do not depend on the database; H2 is enough.
 */
class HibernateTouchPointsTest {

    @AllDatabases(DatabaseKind.H2)
    void guardedEntitiesGetOurCoordinatorsPersistersAndRowCountCheck(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db)
                .entities(Account.class, Customer.class, Animal.class, Dog.class).build();
        var metamodel = h.sessionFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel();

        for (Class<?> type : new Class<?>[] {Account.class, Dog.class}) {
            EntityPersister persister = metamodel.getEntityDescriptor(type);
            assertThat(persister.getUpdateCoordinator().getClass().getName())
                    .isEqualTo("io.hibernatecas.internal.CasUpdateCoordinator");
            assertThat(persister.getDeleteCoordinator().getClass().getName())
                    .isEqualTo("io.hibernatecas.internal.CasDeleteCoordinator");
            assertThat(persister.getClass().getName()).startsWith("io.hibernatecas.internal.CasPersisters$");
            var identifierTable = persister.getIdentifierTableMapping();
            assertThat(identifierTable.getUpdateDetails().getExpectation().getClass().getName())
                    .isEqualTo("io.hibernatecas.internal.CasRowCountExpectation");
            assertThat(identifierTable.getDeleteDetails().getExpectation().getClass().getName())
                    .isEqualTo("io.hibernatecas.internal.CasRowCountExpectation");
        }
        // an entity without @Cas gets our coordinators (typed conflicts); on 7.4 it keeps Hibernate's persister, on
        // 7.2/7.3 it gets ours, because there the persister builds the coordinators
        EntityPersister customer = metamodel.getEntityDescriptor(Customer.class);
        assertThat(customer.getClass().getName()).startsWith(
                HibernateVersions.current() == HibernateVersions.Line.STATE_MANAGEMENT
                        ? "org.hibernate.persister.entity." : "io.hibernatecas.internal.CasPersisters$");
        assertThat(customer.getUpdateCoordinator().getClass().getName())
                .isEqualTo("io.hibernatecas.internal.CasUpdateCoordinator");
    }
}

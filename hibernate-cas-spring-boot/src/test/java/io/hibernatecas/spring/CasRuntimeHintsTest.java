package io.hibernatecas.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.hibernatecas.Cas;
import io.hibernatecas.spring.autoconfigure.CasRuntimeHints;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

class CasRuntimeHintsTest {

    private final RuntimeHints hints = new RuntimeHints();

    CasRuntimeHintsTest() {
        new CasRuntimeHints().registerHints(hints, getClass().getClassLoader());
    }

    @Test
    void keepsTheServiceFilesThroughWhichHibernateFindsTheLibrary() {
        assertThat(RuntimeHintsPredicates.resource()
                .forResource("META-INF/services/org.hibernate.integrator.spi.Integrator")).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource()
                .forResource("META-INF/services/org.hibernate.service.spi.ServiceContributor")).accepts(hints);
    }

    @Test
    void keepsTheConstructorsOfTheServicesHibernateInstantiates() throws Exception {
        for (String service : new String[] { "io.hibernatecas.internal.CasIntegrator",
                "io.hibernatecas.internal.OperationsIntegrator", "io.hibernatecas.internal.CasServiceContributor" }) {
            Class<?> type = Class.forName(service);
            assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getConstructor()))
                    .as(service).accepts(hints);
            assertThat(getClass().getClassLoader().getResource("META-INF/services/"
                    + type.getInterfaces()[0].getName())).as(service).isNotNull();
        }
    }

    @Test
    void keepsTheStateManagementInstanceFieldThatHibernateReads() {
        // named, not loaded: the class extends Hibernate 7.4 SPI and cannot load on 7.2
        String stateManagement = "io.hibernatecas.internal.CasStateManagement";

        assertThat(hints.reflection().getTypeHint(TypeReference.of(stateManagement)).fields())
                .singleElement().satisfies(field -> assertThat(field.getName()).isEqualTo("INSTANCE"));
        assertThat(classFile(stateManagement)).isTrue();
    }

    @Test
    void keepsTheConstructorsOfThePersistersHibernateInstantiates() {
        for (String persister : new String[] { "io.hibernatecas.internal.CasPersisters$SingleTable",
                "io.hibernatecas.internal.CasPersisters$Joined", "io.hibernatecas.internal.CasPersisters$Union" }) {
            assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(persister))
                    .withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).as(persister).accepts(hints);
            assertThat(classFile(persister)).as(persister).isTrue();
        }
    }

    private boolean classFile(String className) {
        return getClass().getClassLoader().getResource(className.replace('.', '/') + ".class") != null;
    }

    @Test
    void keepsTheCasAnnotation() {
        assertThat(RuntimeHintsPredicates.reflection().onType(Cas.class)
                .withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("io.hibernatecas.Unknown")))
                .rejects(hints);
    }

    @Test
    void isListedInAotFactories() {
        assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(CasRuntimeHints.class);
    }
}

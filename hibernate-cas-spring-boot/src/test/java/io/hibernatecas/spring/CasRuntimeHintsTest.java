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
    void keepsTheStateManagementInstanceFieldThatHibernateReads() throws Exception {
        Class<?> stateManagement = Class.forName("io.hibernatecas.internal.CasStateManagement");

        assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(stateManagement.getField("INSTANCE")))
                .accepts(hints);
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

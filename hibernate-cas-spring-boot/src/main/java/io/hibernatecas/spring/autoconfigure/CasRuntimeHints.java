package io.hibernatecas.spring.autoconfigure;

import io.hibernatecas.Cas;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a native image needs to keep of hibernate-cas because Hibernate or the library reach it reflectively:
 * <ul>
 * <li>the {@code META-INF/services} files through which Hibernate finds the integrators and the service
 *     contributor, and those classes' public constructors (Hibernate instantiates them with
 *     {@code ServiceLoader});</li>
 * <li>{@code CasStateManagement} with its public static {@code INSTANCE} field, which Hibernate 7.4 reads by
 *     reflection for the state management type the integrator assigns;</li>
 * <li>the entity persisters of {@code CasPersisters}, whose constructors Hibernate calls reflectively (on 7.2 and
 *     7.3 they install the guarded coordinators);</li>
 * <li>the {@link Cas @Cas} annotation, which the bootstrap reads from the entity classes' declared fields and
 *     methods (Spring's JPA AOT processing already keeps those members of every managed entity).</li>
 * </ul>
 * Types are named, not loaded: a type of another Hibernate line (the state management on 7.2) costs nothing.
 * Also listed in {@code META-INF/spring/aot.factories}, so it applies when the auto-configuration is excluded.
 */
public class CasRuntimeHints implements RuntimeHintsRegistrar {

    static final String[] SERVICE_FILES = {
            "META-INF/services/org.hibernate.integrator.spi.Integrator",
            "META-INF/services/org.hibernate.service.spi.ServiceContributor" };

    static final String[] SERVICES = {
            "io.hibernatecas.internal.CasIntegrator",
            "io.hibernatecas.internal.OperationsIntegrator",
            "io.hibernatecas.internal.CasServiceContributor" };

    static final String STATE_MANAGEMENT = "io.hibernatecas.internal.CasStateManagement";

    /** The entity persisters Hibernate instantiates by their constructor ({@code PersisterClassResolver}). */
    static final String[] PERSISTERS = {
            "io.hibernatecas.internal.CasPersisters$SingleTable",
            "io.hibernatecas.internal.CasPersisters$Joined",
            "io.hibernatecas.internal.CasPersisters$Union" };

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        for (String file : SERVICE_FILES) {
            hints.resources().registerPattern(file);
        }
        for (String service : SERVICES) {
            hints.reflection().registerType(TypeReference.of(service), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
        }
        for (String persister : PERSISTERS) {
            hints.reflection().registerType(TypeReference.of(persister), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
        }
        hints.reflection().registerType(TypeReference.of(STATE_MANAGEMENT),
                type -> type.withField("INSTANCE"));
        hints.reflection().registerType(Cas.class, MemberCategory.INVOKE_PUBLIC_METHODS);
    }
}

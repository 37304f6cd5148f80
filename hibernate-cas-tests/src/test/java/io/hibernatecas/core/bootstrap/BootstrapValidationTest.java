package io.hibernatecas.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.internal.HibernateVersions;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every misuse of {@code @Cas} and every bad setting fails the bootstrap, naming the class and attribute or the
 * setting, the bad value and what is allowed. Bootstrap does not depend on the database, so these run on an
 * in-memory H2 only.
 */
class BootstrapValidationTest {

    private static final String ALLOWED = "; @Cas applies to basic, embedded and to-one attributes";
    private static final String M = "io.hibernatecas.core.bootstrap.Misplaced$";

    static Stream<Arguments> misplacedAnnotations() {
        return Stream.of(
                Arguments.of(Misplaced.OnId.class,
                        "Attribute '" + M + "OnId.id' is annotated @Cas but is the identifier" + ALLOWED),
                Arguments.of(Misplaced.OnVersion.class,
                        "Attribute '" + M + "OnVersion.version' is annotated @Cas but is the @Version attribute; "
                                + "the version is always checked" + ALLOWED),
                Arguments.of(Misplaced.OnCollection.class,
                        "Attribute '" + M + "OnCollection.tags' is annotated @Cas but is a collection" + ALLOWED),
                Arguments.of(Misplaced.OnTransient.class,
                        "Attribute '" + M + "OnTransient.scratch' is annotated @Cas but is not persistent "
                                + "(@Transient or not mapped)" + ALLOWED),
                Arguments.of(Misplaced.OnFormula.class,
                        "Attribute '" + M + "OnFormula.upperName' is annotated @Cas but is a formula (@Formula) and "
                                + "has no column to guard" + ALLOWED),
                Arguments.of(Misplaced.OnInverseOneToOne.class,
                        "Attribute '" + M + "OnInverseOneToOne.owned' is annotated @Cas but has no column in the "
                                + "entity's table (the inverse, mappedBy side of an association)" + ALLOWED),
                Arguments.of(Misplaced.InsideEmbeddable.class,
                        "Attribute '" + M + "GuardedInside.value' is annotated @Cas but belongs to an @Embeddable "
                                + "(embedded as '" + M + "InsideEmbeddable.inside'); put @Cas on the @Embedded attribute of "
                                + "the entity instead"),
                Arguments.of(Misplaced.FixedChild.class,
                        "Entity '" + M + "FixedChild' uses @Cas and is mapped to several tables, but its table "
                                + "'fixed_root' has no updatable column besides the identifier and version: an update "
                                + "that changes only another table could not check the guards; make a guarded "
                                + "attribute updatable"),
                Arguments.of(Misplaced.AllLocking.class,
                        "Entity '" + M + "AllLocking' uses @Cas but declares @OptimisticLocking(type = ALL); @Cas works with "
                                + "VERSION (the default) or NONE"),
                Arguments.of(Misplaced.CustomSql.class,
                        "Entity '" + M + "CustomSql' uses @Cas but has custom SQL (@SQLUpdate or @SQLDelete); @Cas cannot "
                                + "add its guards to custom SQL"),
                Arguments.of(Misplaced.SoftDeleted.class,
                        "Entity '" + M + "SoftDeleted' uses @Cas but its state is managed by "
                                // Hibernate 7.2/7.3 have no StateManagement classes, only @SoftDelete
                                + (HibernateVersions.current() == HibernateVersions.Line.STATE_MANAGEMENT
                                        ? "SoftDeleteStateManagement" : "Hibernate's soft delete")
                                + " (@SoftDelete, @Temporal or @Audited); @Cas supports standard state management only"),
                Arguments.of(Misplaced.DirtyWithoutDynamicUpdate.class,
                        "Attribute '" + M + "DirtyWithoutDynamicUpdate.name' is annotated @Cas(when = DIRTY) but "
                                + "entity '" + M + "DirtyWithoutDynamicUpdate' is not annotated @DynamicUpdate; without it "
                                + "every UPDATE writes all columns and would overwrite what another transaction "
                                + "changed in the columns it does not check"),
                Arguments.of(Misplaced.JoinedChild.class,
                        "Attribute '" + M + "JoinedChild.extra' is annotated @Cas but is mapped to table "
                                + "'joined_child', not to the table that holds the identifier and version "
                                + "('JoinedRoot'); @Cas guards columns of that table only"),
                Arguments.of(Misplaced.WithSecondary.class,
                        "Attribute '" + M + "WithSecondary.more' is annotated @Cas but is mapped to table "
                                + "'with_secondary_more', not to the table that holds the identifier and version "
                                + "('WithSecondary'); @Cas guards columns of that table only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misplacedAnnotations")
    void misplacedCasFailsTheBootstrapNamingClassAndAttribute(Class<?> entity, String message) {
        Class<?> companion = entity == Misplaced.OnInverseOneToOne.class ? Misplaced.OwnerSide.class
                : entity == Misplaced.JoinedChild.class ? Misplaced.JoinedRoot.class
                : entity == Misplaced.FixedChild.class ? Misplaced.FixedRoot.class
                : Misplaced.Fine.class;
        Throwable thrown = catchThrowable(() -> boot(Map.of(), entity, companion));

        assertThat(rootCause(thrown)).isExactlyInstanceOf(CasConfigurationException.class).hasMessage(message);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("hibernate.cas.enabled", "yes",
                        "Invalid value 'yes' for setting 'hibernate.cas.enabled': expected true or false"),
                Arguments.of("hibernate.cas.diagnose", "1",
                        "Invalid value '1' for setting 'hibernate.cas.diagnose': expected true or false"),
                Arguments.of("hibernate.cas.unverifiable_updates", "ignore",
                        "Invalid value 'ignore' for setting 'hibernate.cas.unverifiable_updates': expected 'fail' or 'warn'"),
                Arguments.of("hibernate.cas.messages.include_values", "",
                        "Invalid value '' for setting 'hibernate.cas.messages.include_values': expected true or false"),
                Arguments.of("hibernate.cas.retry.max_retries", "abc",
                        "Invalid value 'abc' for setting 'hibernate.cas.retry.max_retries': expected a whole number from 0 to 100"),
                Arguments.of("hibernate.cas.retry.max_retries", "-1",
                        "Invalid value '-1' for setting 'hibernate.cas.retry.max_retries': expected a whole number from 0 to 100"),
                Arguments.of("hibernate.cas.retry.initial_backoff", "soon",
                        "Invalid value 'soon' for setting 'hibernate.cas.retry.initial_backoff': expected a duration "
                                + ">= 0 such as 10ms, 2s or PT0.5S (a bare number means milliseconds)"),
                Arguments.of("hibernate.cas.retry.max_backoff", "5ms",
                        "Invalid value '5ms' for setting 'hibernate.cas.retry.max_backoff': expected a duration >= "
                                + "hibernate.cas.retry.initial_backoff (10ms)"),
                Arguments.of("hibernate.cas.retries", "3",
                        "Unknown setting 'hibernate.cas.retries': hibernate-cas understands hibernate.cas.diagnose, "
                                + "hibernate.cas.enabled, hibernate.cas.messages.include_values, "
                                + "hibernate.cas.retry.initial_backoff, hibernate.cas.retry.max_backoff, "
                                + "hibernate.cas.retry.max_retries, hibernate.cas.unverifiable_updates"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badSettings")
    void badSettingFailsTheBootstrapNamingKeyValueAndWhatIsAllowed(String key, String value, String message) {
        Throwable thrown = catchThrowable(() -> boot(Map.of(key, value), Misplaced.Fine.class));

        assertThat(rootCause(thrown)).isExactlyInstanceOf(CasConfigurationException.class).hasMessage(message);
    }

    @Test
    void validMappingAndSettingsBoot() {
        ThrowableAssert.ThrowingCallable boot = () -> boot(Map.of("hibernate.cas.retry.max_retries", "0",
                "hibernate.cas.retry.initial_backoff", "PT0.05S", "hibernate.cas.retry.max_backoff", "2s",
                "hibernate.cas.unverifiable_updates", "WARN", "hibernate.cas.diagnose", "false"), Misplaced.Fine.class);
        assertThat(catchThrowable(boot)).isNull();
    }

    @Test
    void withTheLibraryDisabledMisplacedAnnotationsAreNotChecked() {
        assertThat(catchThrowable(() -> boot(Map.of("hibernate.cas.enabled", "false"), Misplaced.OnId.class))).isNull();
    }

    static void boot(Map<String, Object> settings, Class<?>... entities) {
        boot(settings, factory -> assertThat(factory).isNotNull(), entities);
    }

    /** Builds a factory on an in-memory H2, hands it to {@code check}, and closes it. */
    static void boot(Map<String, Object> settings, Consumer<SessionFactory> check, Class<?>... entities) {
        var registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", "jdbc:h2:mem:bootstrap;DB_CLOSE_DELAY=-1")
                .applySetting("hibernate.hbm2ddl.auto", "create-drop")
                .applySettings(settings)
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> entity : entities) {
                sources.addAnnotatedClass(entity);
            }
            try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
                check.accept(factory);
            }
        }
        finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static Throwable rootCause(Throwable thrown) {
        assertThat(thrown).isNotNull();
        Throwable cause = thrown;
        while (cause.getCause() != null && !(cause instanceof CasConfigurationException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}

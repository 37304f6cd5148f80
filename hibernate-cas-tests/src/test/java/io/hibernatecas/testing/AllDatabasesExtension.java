package io.hibernatecas.testing;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Backs {@link AllDatabases}: one {@link TestTemplateInvocationContext} per {@link DatabaseKind}.
 *
 * <p>Each invocation carries an {@link Invocation} extension which
 * <ol>
 *   <li>before each test ({@link BeforeEachCallback}, so before the class's {@code @BeforeEach} methods) makes
 *       sure the server is available, starting it on first use. If it is not: the test is <em>aborted</em>
 *       (reported as skipped, with the database and root cause as reason, and a warning on stderr), or, when
 *       {@link HarnessConfig#noSkip()} ({@code CI=true} or {@code -Dcas.test.noSkip=true}), it <em>fails</em>;</li>
 *   <li>resolves {@link TestDatabase} parameters to one database per invocation, kept in the invocation's
 *       {@link ExtensionContext.Store} so JUnit closes (drops) it when the invocation ends.</li>
 * </ol>
 */
public final class AllDatabasesExtension implements TestTemplateInvocationContextProvider {

    /** Databases for which the "tests are skipped" warning was already printed. */
    private static final Set<DatabaseKind> WARNED = ConcurrentHashMap.newKeySet();

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), AllDatabases.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        AllDatabases annotation = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), AllDatabases.class)
                .orElseThrow();
        Set<DatabaseKind> kinds = EnumSet.noneOf(DatabaseKind.class);
        kinds.addAll(Arrays.asList(annotation.value()));
        return kinds.stream().map(Invocation::new);
    }

    /** One invocation of the test on one database. */
    static final class Invocation implements TestTemplateInvocationContext, BeforeEachCallback, ParameterResolver {

        private final DatabaseKind kind;

        Invocation(DatabaseKind kind) {
            this.kind = kind;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return kind.displayName();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            try {
                DatabaseServers.server(kind);
            } catch (DatabaseUnavailableException e) {
                if (HarnessConfig.noSkip()) {
                    throw new AssertionError(e.getMessage()
                            + " [not skipped: CI=true or cas.test.noSkip=true; set cas.test.noSkip=false to skip]", e);
                }
                String reason = "SKIPPED on " + kind + ": " + e.getMessage();
                if (WARNED.add(kind)) {
                    DatabaseServers.log("WARNING: all tests on " + kind + " are skipped: " + e.getMessage()
                            + " (under CI=true they fail instead)");
                }
                Assumptions.abort(reason);
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == TestDatabase.class || type == DatabaseKind.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (parameter.getParameter().getType() == DatabaseKind.class) {
                return kind;
            }
            ExtensionContext.Store store = context.getStore(ExtensionContext.Namespace.create(Invocation.class));
            String label = context.getRequiredTestClass().getSimpleName();
            return store.getOrComputeIfAbsent(kind, k -> TestDatabase.create(kind, label), TestDatabase.class);
        }
    }
}

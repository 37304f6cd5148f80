package io.hibernatecas.testing;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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
        Optional<String> mariaDbServer = HarnessConfig.mariaDbServer();
        if (mariaDbServer.isPresent()) {
            // the MariaDB 11 run: the MariaDB invocation only, named after the server
            String name = "MariaDB " + mariaDbServer.get().replaceAll("^(\\d+\\.\\d+).*", "$1");
            boolean runs = kinds.contains(DatabaseKind.MARIADB)
                    && HarnessConfig.selectedDatabases().contains(DatabaseKind.MARIADB);
            return Stream.of(runs ? new Invocation(DatabaseKind.MARIADB, name)
                    : new Invocation(DatabaseKind.MARIADB, name + " (not run: "
                            + (kinds.contains(DatabaseKind.MARIADB) ? "deselected by cas.test.databases"
                                    : "the test is not for MariaDB") + ")", false));
        }
        return kinds.stream().map(Invocation::new);
    }

    /** One invocation of the test on one database. */
    static final class Invocation implements TestTemplateInvocationContext, BeforeEachCallback, ParameterResolver {

        private final DatabaseKind kind;
        private final String displayName;
        private final boolean runs;

        Invocation(DatabaseKind kind) {
            this(kind, kind.displayName(), true);
        }

        Invocation(DatabaseKind kind, String displayName) {
            this(kind, displayName, true);
        }

        /** @param runs {@code false}: an invocation that is skipped, with its display name as the reason */
        Invocation(DatabaseKind kind, String displayName, boolean runs) {
            this.kind = kind;
            this.displayName = displayName;
            this.runs = runs;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return displayName;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            Assumptions.assumeTrue(runs, displayName);
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

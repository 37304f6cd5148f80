package io.hibernatecas.stress.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.SessionFactory;

/**
 * Conflict messages, problem details, stack traces and the library's DEBUG log carry no field value unless
 * {@code hibernate.cas.messages.include_values=true}, while the getters always do. The scan looks for the planted
 * values of {@link Secrets} (a balance of 987654.32, a token "s3cr3t-token", what another writer and a client put
 * there) in everything {@link LeakScenarios} prints; with the setting on, the same scan must find them, so that
 * it is known to be able to.
 */
class SecretLeakTest {

    private static final String SHOWN = "=== include_values=true";

    @AllDatabases
    void messagesAndProblemDetailsHideValuesWhichTheGettersCarry(TestDatabase db) {
        StringBuilder hidden = new StringBuilder();
        SessionFactory factory = db.closeAtEnd(LeakScenarios.boot(db.dataSource(), false));
        new LeakScenarios(factory, db.dataSource(), line -> hidden.append(line).append('\n')).runAll();
        assertThat(Secrets.foundIn(hidden.toString())).as(hidden.toString()).isEmpty();
        assertThat(hidden).contains("--- field conflict", "--- version conflict", "--- deleted",
                "--- client-held values (412)", "--- exhausted retries",
                "compareAndSet with a wrong expected value answered false");

        FieldConflictException conflict = catchThrowableOfType(FieldConflictException.class,
                () -> factory.inTransaction(s -> {
                    Vault vault = s.find(Vault.class, 1L);
                    db.execute("update security_vault set token = ? where id = 1", Secrets.OTHER_TOKEN);
                    vault.setOwner("eve");
                    s.flush();
                }));
        assertThat(conflict).hasMessage("Concurrent update of [" + Vault.class.getName() + "#1]: @Cas attribute "
                + "'token' was changed by another transaction");
        assertThat(conflict.getExpectedValue("balance")).isEqualTo(Secrets.BALANCE);
        assertThat(conflict.getExpectedValue("token")).isEqualTo(Secrets.TOKEN);
        assertThat(conflict.getActualValue("token")).isEqualTo(Secrets.OTHER_TOKEN);
        assertThat(conflict.toProblemDetail()).doesNotContainKeys("expectedValues", "actualValues");
        factory.close();

        StringBuilder shown = new StringBuilder();
        SessionFactory disclosing = db.closeAtEnd(LeakScenarios.boot(db.dataSource(), true));
        new LeakScenarios(disclosing, db.dataSource(), line -> shown.append(line).append('\n')).runAll();
        assertThat(Secrets.foundIn(shown.toString())).as("with include_values=true the same scan finds them")
                .contains(Secrets.TOKEN, Secrets.OTHER_TOKEN, Secrets.CLIENT_TOKEN);
    }

    /**
     * The same scenarios in a JVM of their own whose {@code io.hibernatecas} loggers are at DEBUG, so that the scan
     * covers the library's log lines too (the retry lines of {@code CasRetry} repeat the conflict's message).
     */
    @AllDatabases
    void debugLogOfTheLibraryHidesValuesToo(TestDatabase db) throws Exception {
        Path output = Files.createTempFile(Path.of(System.getProperty("cas.test.workDir", "target"))
                .getParent(), "leak-" + db.kind().key() + "-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dorg.jboss.logging.provider=slf4j", "-Dorg.slf4j.simpleLogger.log.io.hibernatecas=debug",
                "-cp", System.getProperty("java.class.path"), LeakScenarios.class.getName(),
                db.jdbcUrl(), db.user(), db.password()))
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child finished").isTrue();
        }
        finally {
            child.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).contains(SHOWN);
        String hidden = log.substring(0, log.indexOf(SHOWN));
        String shown = log.substring(log.indexOf(SHOWN));

        assertThat(hidden).as("DEBUG lines of the library were captured")
                .contains("DEBUG io.hibernatecas.CasRetry - Attempt 1 of 3 failed with OPTIMISTIC_CONFLICT")
                .contains("DEBUG io.hibernatecas.internal.CasIntegrator - hibernate-cas settings:");
        assertThat(Secrets.foundIn(hidden)).as(hidden).isEmpty();
        assertThat(Secrets.foundIn(shown)).as("with include_values=true the same scan finds them")
                .contains(Secrets.TOKEN, Secrets.OTHER_TOKEN, Secrets.CLIENT_TOKEN);
        Files.delete(output);
    }
}

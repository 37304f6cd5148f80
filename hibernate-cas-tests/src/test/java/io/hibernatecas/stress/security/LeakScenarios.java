package io.hibernatecas.stress.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.testing.DriverManagerDataSource;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;

/**
 * The conflicts of the security tests, each printed the way an application would show or log it: the message,
 * the problem detail, the whole stack trace. Run in-process by {@link SecretLeakTest}, and as the main class of a
 * child JVM whose {@code io.hibernatecas} loggers are at DEBUG (slf4j-simple fixes a logger's level when it is
 * created, so the test JVM cannot switch to DEBUG after the fact):
 * {@code LeakScenarios <url> <user> <password>} runs them with {@code hibernate.cas.messages.include_values=false},
 * prints a line {@code === include_values=true} to stderr and stdout, and runs them again with {@code true}.
 */
public final class LeakScenarios {

    private final SessionFactory factory;
    private final DataSource outOfBand;
    private final Consumer<String> out;

    LeakScenarios(SessionFactory factory, DataSource outOfBand, Consumer<String> out) {
        this.factory = factory;
        this.outOfBand = outOfBand;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        DataSource dataSource = new DriverManagerDataSource(args[0], args[1], args[2], null);
        for (boolean includeValues : new boolean[] {false, true}) {
            if (includeValues) {
                System.err.println("=== include_values=true");
                System.out.println("=== include_values=true");
            }
            try (SessionFactory factory = boot(dataSource, includeValues)) {
                new LeakScenarios(factory, dataSource, System.out::println).runAll();
            }
        }
        System.exit(0);
    }

    static SessionFactory boot(DataSource dataSource, boolean includeValues) {
        var registry = new StandardServiceRegistryBuilder().applySettings(Map.of(
                JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource,
                SchemaToolingSettings.HBM2DDL_AUTO, "create-drop",
                "hibernate.cas.messages.include_values", String.valueOf(includeValues))).build();
        return new MetadataSources(registry).addAnnotatedClass(Vault.class).buildMetadata().buildSessionFactory();
    }

    /** Runs every scenario; each prints what it caught. */
    void runAll() {
        fieldConflictOfTwoRows();
        versionConflict();
        deletedRow();
        clientHeldValues();
        exhaustedRetries();
        compareAndSetMismatch();
    }

    private void reset() {
        factory.inTransaction(s -> {
            s.createMutationQuery("delete from Vault").executeUpdate();
            s.persist(new Vault(1L, Secrets.BALANCE, Secrets.TOKEN, "ann"));
            s.persist(new Vault(2L, Secrets.BALANCE, Secrets.TOKEN, "bob"));
        });
    }

    /** Plain SQL changes both guarded columns of {@code id} to the other secrets, without bumping the version. */
    private void changeBehindTheBack(long id) {
        overwrite(id, Secrets.OTHER_BALANCE, Secrets.OTHER_TOKEN);
    }

    private void overwrite(long id, BigDecimal balance, String token) {
        try (var c = outOfBand.getConnection();
                var ps = c.prepareStatement("update security_vault set balance = ?, token = ? where id = ?")) {
            ps.setBigDecimal(1, balance);
            ps.setString(2, token);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void fieldConflictOfTwoRows() {
        reset();
        report("field conflict", () -> factory.inTransaction(s -> {
            Vault first = s.find(Vault.class, 1L);
            Vault second = s.find(Vault.class, 2L);
            changeBehindTheBack(1L);
            changeBehindTheBack(2L);
            first.setOwner("eve");
            second.setOwner("eve");
            s.flush();
        }));
    }

    void versionConflict() {
        reset();
        report("version conflict", () -> factory.inTransaction(s -> {
            Vault vault = s.find(Vault.class, 1L);
            try (Session other = factory.openSession()) {
                other.inTransaction(t -> other.find(Vault.class, 1L).setBalance(Secrets.OTHER_BALANCE));
            }
            vault.setOwner("eve");
            s.flush();
        }));
    }

    void deletedRow() {
        reset();
        report("deleted", () -> factory.inTransaction(s -> {
            Vault vault = s.find(Vault.class, 1L);
            try (var c = outOfBand.getConnection(); var st = c.createStatement()) {
                st.executeUpdate("delete from security_vault where id = 1");
            }
            catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            vault.setOwner("eve");
            s.flush();
        }));
    }

    void clientHeldValues() {
        reset();
        report("client-held values (412)", () -> factory.inTransaction(s -> {
            Vault vault = s.find(Vault.class, 1L);
            CasOperations.expectValues(s, vault, Map.of("token", Secrets.CLIENT_TOKEN));
            vault.setOwner("eve");
            s.flush();
        }));
    }

    void exhaustedRetries() {
        reset();
        int[] attempt = new int[1];
        report("exhausted retries", () -> CasRetry.of(factory).maxRetries(2).backoff(Duration.ZERO, Duration.ZERO)
                .inTransaction(em -> {
                    Vault vault = em.find(Vault.class, 1L);
                    // every attempt finds the row changed after its read: the other secrets, then back again
                    boolean odd = ++attempt[0] % 2 == 1;
                    overwrite(1L, odd ? Secrets.OTHER_BALANCE : Secrets.BALANCE, odd ? Secrets.OTHER_TOKEN
                            : Secrets.TOKEN);
                    vault.setOwner("eve");
                }));
    }

    void compareAndSetMismatch() {
        reset();
        boolean set = factory.fromTransaction(s -> CasOperations.compareAndSet(s, Vault.class, 1L, "token",
                Secrets.CLIENT_TOKEN, Secrets.OTHER_TOKEN));
        out.accept("compareAndSet with a wrong expected value answered " + set);
    }

    /** Runs {@code conflict}, which must fail, and prints the failure as an application would. */
    private void report(String scenario, Runnable conflict) {
        try {
            conflict.run();
            throw new IllegalStateException(scenario + ": expected a failure");
        }
        catch (RuntimeException e) {
            out.accept("--- " + scenario);
            out.accept("message: " + e.getMessage());
            CasConflictException cas = conflictIn(e);
            if (cas != null) {
                out.accept("problem detail: " + cas.toProblemDetail());
                out.accept("conflicts: " + cas.getConflicts());
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            out.accept("stack trace: " + trace);
        }
    }

    static CasConflictException conflictIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CasConflictException conflict) {
                return conflict;
            }
        }
        return null;
    }
}

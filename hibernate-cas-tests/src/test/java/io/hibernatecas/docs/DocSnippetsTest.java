package io.hibernatecas.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.hibernatecas.VersionConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.junit.jupiter.api.Test;

import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.RollbackException;

/**
 * The docs' code snippets compile (they live in {@link DocSnippets}), say what the docs say (each marked markdown
 * block equals its region), and do what the docs claim (run here; the behaviour itself is tested on every database
 * elsewhere, so H2 is enough).
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SOURCE = Path.of("src/test/java/io/hibernatecas/docs/DocSnippets.java");

    @Test
    void everyMarkedMarkdownBlockEqualsItsCompiledRegion() throws IOException {
        Map<String, String> regions = regions(Files.readString(SOURCE));
        List<String> checked = new ArrayList<>();
        List<Path> markdown = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(markdown::add);
        }
        Pattern block = Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
        for (Path file : markdown) {
            Matcher m = block.matcher(Files.readString(file));
            while (m.find()) {
                assertThat(regions).as("snippet %s in %s", m.group(1), file).containsKey(m.group(1));
                assertThat(m.group(2).strip()).as("snippet %s in %s", m.group(1), file)
                        .isEqualTo(regions.get(m.group(1)));
                checked.add(m.group(1));
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(regions.keySet());
    }

    @AllDatabases(DatabaseKind.H2)
    void snippetsDoWhatTheDocsSay(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class).build();
        var emf = h.sessionFactory();
        h.inTransaction(s -> s.persist(new Account(1L, new BigDecimal("100.00"))));

        DocSnippets.retry(emf, 1L, new BigDecimal("30.00"));
        assertThat(db.queryForLong("select balance from docs_account where id = 1")).isEqualTo(70);

        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            em.find(Account.class, 1L).owner = "ann";
            db.execute("update docs_account set balance = 1 where id = 1");
            assertThat(DocSnippets.catchTheConflict(em)).isEqualTo("FIELD_CHANGED 409");
            em.getTransaction().rollback();
        }
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            em.find(Account.class, 1L).owner = "bob";
            db.execute("delete from docs_account where id = 1");
            Map<String, Object> result = DocSnippets.problemDetail(em);
            assertThat(result).containsEntry("status", 404);
            em.getTransaction().rollback();
        }
        h.inTransaction(s -> s.persist(new Account(1L, new BigDecimal("5.00"))));
        try (EntityManager em = emf.createEntityManager()) {
            Throwable thrown = catchThrowable(() -> DocSnippets.clientHeldVersion(em, 7, new BigDecimal("9.00")));
            Throwable conflict = thrown instanceof RollbackException ? thrown.getCause() : thrown;
            assertThat(conflict).isExactlyInstanceOf(VersionConflictException.class);
            assertThat(((VersionConflictException) conflict).getHttpStatus()).isEqualTo(412);
        }
    }

    @AllDatabases(DatabaseKind.H2)
    void springSnippetFindsTheConflictBehindSpringsException(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class).build();
        h.inTransaction(s -> s.persist(new Account(1L, new BigDecimal("100.00"))));
        JpaTransactionManager manager = new JpaTransactionManager(h.sessionFactory());
        manager.setJpaDialect(new HibernateJpaDialect());
        TransactionTemplate transaction = new TransactionTemplate(manager);

        Map<String, Object> result = DocSnippets.springConflict(() -> transaction.executeWithoutResult(status -> {
            EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(h.sessionFactory());
            em.find(Account.class, 1L).owner = "ann";
            db.execute("delete from docs_account where id = 1");
        }));

        assertThat(result).containsEntry("status", 404);
    }

    @AllDatabases(DatabaseKind.H2)
    void toolkitSnippetsDoWhatTheGuideSays(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db)
                .entities(Counter.class, Invoice.class, Seat.class, Page.class, Tag.class).build();
        var emf = h.sessionFactory();
        h.inTransaction(s -> {
            s.persist(new Counter(1L));
            s.persist(new Invoice(1L));
            s.persist(new Seat(1L));
            s.persist(new Page(1L));
        });

        assertThat(DocSnippets.retryCounter(emf)).isEqualTo(2);

        List<Object> results = emf.callInTransaction(em ->
                DocSnippets.operations(em, 1L, em.find(Seat.class, 1L), "ann", 1L));
        assertThat(results.subList(0, 3)).containsExactly(true, true, true);
        assertThat(((Tag) results.get(3)).name).isEqualTo("java");
        assertThat(db.queryForLong("select views from docs_page where id = 1")).isEqualTo(1);
    }

    /** The regions of the snippet source, dedented, by name. */
    private static Map<String, String> regions(String source) {
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher m = Pattern.compile("// snippet: ([\\w-]+)\\n(.*?)\\n\\s*// end", Pattern.DOTALL).matcher(source);
        while (m.find()) {
            regions.put(m.group(1), m.group(2).stripIndent().strip());
        }
        return regions;
    }
}

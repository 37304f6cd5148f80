package io.hibernatecas.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasRetry;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.spring.app.InvoiceApplication;
import io.hibernatecas.spring.app.InvoiceRepository;
import io.hibernatecas.spring.app.enhanced.Document;
import io.hibernatecas.spi.RetryEvent;

import org.hibernate.Hibernate;
import org.hibernate.engine.spi.ManagedEntity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.persistence.EntityManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invoice application of docs/spring-boot.md over real HTTP, on the database of the subclass: each status
 * with its problem detail and {@code ETag}, retries with {@code @Retryable}, the {@code CasRetry} bean and
 * {@code RetryTemplate}, and the refusal of {@code CasRetry} inside a transaction. The other writer of each race
 * is {@link ConcurrentWriter}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = { InvoiceApplication.class, RaceConfiguration.class })
abstract class InvoiceServiceScenarios {

    static final String INVOICE = "io.hibernatecas.spring.app.Invoice";
    static final String BUMP = "update invoice set version = version + 1, amount = 999 where id = 1";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConcurrentWriter race;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    CasRetry retry;

    @Autowired
    RetryPolicy casRetryPolicy;

    @Autowired
    TransactionTemplate transactions;

    /** The shared EntityManager that Spring Data JPA defines (@PersistenceContext is not applied to AOT tests). */
    @Autowired
    EntityManager entityManager;

    @BeforeEach
    void oneOpenInvoice() {
        race.reset();
        jdbc.update("delete from invoice");
        jdbc.update("insert into invoice (id, version, customer, amount, status, reminders) "
                + "values (1, 0, 'ann', 100, 'OPEN', 0)");
    }

    @Test
    void getAnswersTheVersionAsETag() throws Exception {
        HttpResponse<String> response = send("GET", "/invoices/1", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(json(response).get("customer").asString()).isEqualTo("ann");
    }

    @Test
    void putWithCurrentIfMatchUpdatesWithTheClientsVersionInTheWhereClause() throws Exception {
        HttpResponse<String> response = send("PUT", "/invoices/1", "\"0\"", change("bob", 200));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        // the @Cas string is compared exactly, in each database's form (H2: cast(status as varbinary)=cast(? ...))
        assertThat(race.updates()).singleElement().satisfies(sql -> assertThat(where(sql))
                .startsWith("whereid=?and").contains("version=?").containsPattern("status[^=]*=[^?]*\\?"));
        assertThat(jdbc.queryForObject("select customer from invoice where id = 1", String.class)).isEqualTo("bob");
        assertThat(amount()).isEqualTo(200);
    }

    @Test
    void weakIfMatchIsComparedLikeAStrongOne() throws Exception {
        HttpResponse<String> response = send("PUT", "/invoices/1", "W/\"0\"", change("bob", 200));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
    }

    @Test
    void malformedIfMatchAnswers400() throws Exception {
        HttpResponse<String> response = send("PUT", "/invoices/1", "0", change("bob", 200));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:hibernate-cas:problem:if-match");
        assertThat(problem.get("title").asString()).isEqualTo("Malformed If-Match");
        assertThat(problem.get("detail").asString())
                .isEqualTo("Malformed If-Match header: entity-tags are quoted, as in If-Match: \"12\" or W/\"12\"");
        assertThat(amount()).isEqualTo(100);
    }

    @Test
    void ifMatchThatIsNoVersionAnswers412() throws Exception {
        HttpResponse<String> response = send("PUT", "/invoices/1", "\"abc\"", change("bob", 200));

        assertThat(response.statusCode()).isEqualTo(412);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:hibernate-cas:problem:if-match");
        assertThat(problem.get("detail").asString())
                .isEqualTo("If-Match \"abc\" is not a version of Invoice (long), so it cannot match");
        assertThat(amount()).isEqualTo(100);
    }

    @Test
    void staleIfMatchAnswers412WithTheCurrentVersionAsETag() throws Exception {
        jdbc.update("update invoice set version = 1 where id = 1");

        HttpResponse<String> response = send("PUT", "/invoices/1", "\"0\"", change("bob", 200));

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(fields(json(response))).containsOnly(
                entry("type", "urn:hibernate-cas:problem:version-changed"),
                entry("title", "Precondition failed"),
                entry("status", 412),
                entry("detail", "Concurrent update of [" + INVOICE + "#1]: expected version 0 but the database has "
                        + "version 1"),
                entry("instance", "/invoices/1"),
                entry("entity", INVOICE),
                entry("id", "1"),
                entry("expectedVersion", 0),
                entry("actualVersion", 1),
                entry("changedAttributes", List.of()));
        assertThat(amount()).isEqualTo(100);
    }

    @Test
    void staleIfMatchWithABodyThatChangesNothingAnswers412() throws Exception {
        jdbc.update("update invoice set version = 1 where id = 1");

        HttpResponse<String> response = send("PUT", "/invoices/1", "\"0\"", change("ann", 100));

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(response).get("type").asString()).isEqualTo("urn:hibernate-cas:problem:version-changed");
    }

    @Test
    void concurrentUpdateAnswers409WithTheCurrentVersionAsETag() throws Exception {
        race.beforeNextUpdates(1, BUMP);

        HttpResponse<String> response = send("PUT", "/invoices/1", null, change("bob", 200));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(fields(json(response))).containsOnly(
                entry("type", "urn:hibernate-cas:problem:version-changed"),
                entry("title", "Concurrent update"),
                entry("status", 409),
                entry("detail", "Concurrent update of [" + INVOICE + "#1]: expected version 0 but the database has "
                        + "version 1"),
                entry("instance", "/invoices/1"),
                entry("entity", INVOICE),
                entry("id", "1"),
                entry("expectedVersion", 0),
                entry("actualVersion", 1),
                entry("changedAttributes", List.of()));
        assertThat(amount()).isEqualTo(999);
    }

    @Test
    void concurrentDeleteAnswers404WithoutETag() throws Exception {
        race.beforeNextUpdates(1, "delete from invoice where id = 1");

        HttpResponse<String> response = send("PUT", "/invoices/1", null, change("bob", 200));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("ETag")).isEmpty();
        assertThat(fields(json(response))).containsOnly(
                entry("type", "urn:hibernate-cas:problem:deleted"),
                entry("title", "Resource deleted"),
                entry("status", 404),
                entry("detail", "[" + INVOICE + "#1] was deleted by another transaction (expected version 0)"),
                entry("instance", "/invoices/1"),
                entry("entity", INVOICE),
                entry("id", "1"),
                entry("expectedVersion", 0),
                entry("changedAttributes", List.of()));
    }

    @Test
    void retryExhaustedAnswers409WithItsOwnProblemDetail() throws Exception {
        race.beforeNextUpdates(2, BUMP);

        HttpResponse<String> response = send("POST", "/invoices/1/reminder", null, null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(fields(json(response))).containsOnly(
                entry("type", "urn:hibernate-cas:problem:retry-exhausted"),
                entry("title", "Concurrent update"),
                entry("status", 409),
                entry("detail", "Gave up after 2 attempts: Concurrent update of [" + INVOICE + "#1]: expected "
                        + "version 1 but the database has version 2"),
                entry("instance", "/invoices/1/reminder"),
                entry("attempts", 2),
                entry("reason", "optimistic-conflict"),
                entry("entity", INVOICE),
                entry("id", "1"));
        assertThat(race.updates()).hasSize(2);
    }

    @Test
    void retryableRetriesAConflictInANewTransaction() throws Exception {
        race.beforeNextUpdates(1, BUMP);

        HttpResponse<String> response = send("POST", "/invoices/1/payment", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(json(response).get("status").asString()).isEqualTo("PAID");
        assertThat(race.updates()).hasSize(2);
        assertThat(amount()).isEqualTo(999);
    }

    @Test
    void retryableDoesNotRetryADeletedRow() throws Exception {
        race.beforeNextUpdates(1, "delete from invoice where id = 1");

        HttpResponse<String> response = send("POST", "/invoices/1/payment", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:hibernate-cas:problem:deleted");
        assertThat(race.updates()).hasSize(1);
    }

    @Test
    void statelessSessionConflictAnswers409() throws Exception {
        race.beforeNextUpdates(1, BUMP);

        HttpResponse<String> response = send("PUT", "/stateless/1/amount", null, "200");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(response).get("type").asString()).isEqualTo("urn:hibernate-cas:problem:version-changed");
        assertThat(amount()).isEqualTo(999);
    }

    @Test
    void theApplicationsOwnAdviceWins() throws Exception {
        race.beforeNextUpdates(1, BUMP);

        HttpResponse<String> response = send("PUT", "/own/1", null, change("bob", 200));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("own advice: VERSION_CHANGED");
    }

    @Test
    void springsTranslatedExceptionCarriesTheConflictAsItsCause() {
        race.beforeNextUpdates(1, BUMP);

        Throwable thrown = catchThrowable(() -> transactions.executeWithoutResult(status ->
                invoices.findById(1L).orElseThrow().remind()));

        assertThat(thrown).isInstanceOf(ObjectOptimisticLockingFailureException.class)
                .hasMessage("Concurrent update of [" + INVOICE + "#1]: expected version 0 but the database has "
                        + "version 1")
                .cause().isInstanceOf(VersionConflictException.class);
        ObjectOptimisticLockingFailureException translated = (ObjectOptimisticLockingFailureException) thrown;
        assertThat(translated.getPersistentClassName()).isEqualTo(INVOICE);
        assertThat(translated.getIdentifier()).isEqualTo(1L);
        assertThat(CasConflictException.findIn(thrown)).containsSame((VersionConflictException) thrown.getCause());
        assertThat(CasProblemDetails.response(thrown)).hasValueSatisfying(r -> assertThat(r.getStatusCode().value()).isEqualTo(409));
    }

    @Test
    void flushOfAnEnhancedEntityAfterAConcurrentChangeIsATypedConflict() {
        oneDocument();
        transactions.executeWithoutResult(status -> {
            Document document = entityManager.find(Document.class, 1L);
            assertThat(document).isInstanceOf(ManagedEntity.class);
            assertThat(Hibernate.isPropertyInitialized(document, "body")).isFalse();
        });

        Throwable thrown = catchThrowable(() -> transactions.executeWithoutResult(status -> {
            Document document = entityManager.find(Document.class, 1L);
            jdbc.update("update document set version = 1 where id = 1");
            document.setTitle("second");
        }));

        assertThat(thrown).isInstanceOf(ObjectOptimisticLockingFailureException.class)
                .cause().isInstanceOf(VersionConflictException.class)
                .hasMessage("Concurrent update of [" + Document.class.getName() + "#1]: expected version 0 but "
                        + "the database has version 1");
    }

    private void oneDocument() {
        jdbc.update("delete from document");
        jdbc.update("insert into document (id, version, title, body) values (1, 0, 'first', 'long text')");
    }

    @Test
    void casRetryBeanRetriesARepositoryOnlyUnitOfWorkInSpringTransactions() {
        race.beforeNextUpdates(1, BUMP);
        List<RetryEvent> retries = new ArrayList<>();

        int reminders = retry.onRetry(retries::add).fromTransaction(em -> {
            var invoice = invoices.findById(1L).orElseThrow();
            invoice.remind();
            return invoice.getReminders();
        });

        assertThat(reminders).isEqualTo(1);
        assertThat(retries).singleElement().satisfies(e -> assertThat(e.attempt()).isEqualTo(1));
        assertThat(race.updates()).hasSize(2);
        assertThat(jdbc.queryForObject("select reminders from invoice where id = 1", Integer.class)).isEqualTo(1);
        assertThat(amount()).isEqualTo(999);
    }

    @Test
    void casRetryBeanHandsTheWorkTheEntityManagerOfTheSpringTransaction() {
        boolean same = retry.fromTransaction(em -> {
            var invoice = invoices.findById(1L).orElseThrow();
            return em.contains(invoice);
        });

        assertThat(same).isTrue();
    }

    @Test
    void casRetryBeanRefusesToRunInsideAnActiveTransaction() {
        Throwable thrown = catchThrowable(() -> transactions.executeWithoutResult(status ->
                retry.inTransaction(em -> invoices.findById(1L).orElseThrow().remind())));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(
                "CasRetry cannot run inside an active transaction (unnamed): each attempt needs a transaction of its "
                        + "own, and the outer one could neither see its commit undone nor release the row locks it "
                        + "waits for. Call CasRetry outside @Transactional methods (from the controller or an "
                        + "untransactional service), or retry the whole transactional method with @Retryable");
        assertThat(race.updates()).isEmpty();
        assertThat(jdbc.queryForObject("select reminders from invoice where id = 1", Integer.class)).isZero();
    }

    @Test
    void retryTemplateWithTheCasRetryPolicyRetriesAConflictAtCommit() throws Exception {
        race.beforeNextUpdates(1, BUMP);
        RetryTemplate template = new RetryTemplate(casRetryPolicy);

        Integer reminders = template.execute(() -> transactions.execute(status -> {
            var invoice = invoices.findById(1L).orElseThrow();
            invoice.remind();
            return invoice.getReminders();
        }));

        assertThat(reminders).isEqualTo(1);
        assertThat(race.updates()).hasSize(2);
    }

    @Test
    void reminderOverHttpIsRetriedByTheCasRetryBean() throws Exception {
        race.beforeNextUpdates(1, BUMP);

        HttpResponse<String> response = send("POST", "/invoices/1/reminder", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(json(response).get("reminders").asInt()).isEqualTo(1);
        assertThat(race.updates()).hasSize(2);
    }

    // helpers

    long amount() {
        return jdbc.queryForObject("select amount from invoice where id = 1", Long.class);
    }

    static String where(String sql) {
        return sql.substring(sql.toLowerCase().indexOf(" where ")).replace(" ", "");
    }

    static String change(String customer, long amount) {
        return "{\"id\":1,\"customer\":\"" + customer + "\",\"amount\":" + amount + ",\"status\":\"OPEN\","
                + "\"reminders\":0}";
    }

    HttpResponse<String> send(String method, String path, String ifMatch, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static Map<String, Object> fields(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }
}

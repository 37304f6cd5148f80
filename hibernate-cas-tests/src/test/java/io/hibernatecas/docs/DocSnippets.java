package io.hibernatecas.docs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.docs.Invoice.Status;

import org.springframework.orm.ObjectOptimisticLockingFailureException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * The code snippets of README.md and docs/*.md, compiled and run by {@link DocSnippetsTest}. A markdown block preceded
 * by {@code <!-- snippet: name -->} must equal the region between {@code // snippet: name} and {@code // end} here.
 */
final class DocSnippets {

    private DocSnippets() {
    }

    static String catchTheConflict(EntityManager em) {
        String outcome = "flushed";
        // snippet: catch-conflict
        try {
            em.flush();
        }
        catch (CasConflictException conflict) {
            outcome = conflict.getReason() + " " + conflict.getHttpStatus();   // e.g. FIELD_CHANGED 409
        }
        // end
        return outcome;
    }

    static void retry(EntityManagerFactory entityManagerFactory, Long id, BigDecimal amount) {
        // snippet: retry
        CasRetry.of(entityManagerFactory).inTransaction(em -> em.find(Account.class, id).withdraw(amount));
        // end
    }

    static void clientHeldVersion(EntityManager em, int versionFromClient, BigDecimal amount) {
        // snippet: client-held
        em.getTransaction().begin();
        Account account = em.find(Account.class, 1L);
        CasOperations.expectVersion(em, account, versionFromClient);      // e.g. from an If-Match header
        account.setAmount(amount);
        em.getTransaction().commit();   // update ... where id=? and balance=? and version=<versionFromClient>
        // end
    }

    static Map<String, Object> problemDetail(EntityManager em) {
        try {
            em.flush();
            return Map.of();
        }
        // snippet: problem-detail
        catch (CasConflictException conflict) {
            int status = conflict.getHttpStatus();                    // 409, 404 or 412
            Map<String, Object> body = conflict.toProblemDetail();    // serialise as application/problem+json
            // end
            return Map.of("status", status, "body", body);
        }
    }

    static Map<String, Object> springConflict(Runnable transactionalServiceCall) {
        try {
            transactionalServiceCall.run();
            return Map.of();
        }
        // snippet: spring-conflict
        catch (ObjectOptimisticLockingFailureException failure) {        // what Spring throws for every conflict
            CasConflictException conflict = CasConflictException.findIn(failure).orElseThrow();
            int status = conflict.getHttpStatus();                       // 409, 404 or 412
            Map<String, Object> body = conflict.toProblemDetail();
            // end
            return Map.of("status", status, "body", body);
        }
    }

    static int retryCounter(EntityManagerFactory entityManagerFactory) {
        // snippet: retry-counter
        CasRetry retry = CasRetry.of(entityManagerFactory);       // policy from hibernate.cas.retry.* of this factory

        retry.inTransaction(em -> em.find(Counter.class, 1L).increment());

        int hits = retry.fromTransaction(em -> {                  // the result of the attempt that committed
            Counter counter = em.find(Counter.class, 1L);
            counter.increment();
            return counter.getHits();
        });
        // end
        return hits;
    }

    static List<Object> operations(EntityManager em, Long id, Seat seat, String customer, Long pageId) {
        // snippet: operations
        boolean paid   = CasOperations.compareAndSet(em, Invoice.class, id, "status", Status.OPEN, Status.PAID);
        boolean booked = CasOperations.update(em, seat, s -> s.setHolder(customer));  // false: someone was faster
        boolean found  = CasOperations.increment(em, Page.class, pageId, "views", 1);
        Tag tag        = CasOperations.findOrCreate(em, Tag.class, "name", "java", Tag::new);
        // end
        return List.of(paid, booked, found, tag);
    }
}

package io.hibernatecas.examples;

import java.math.BigDecimal;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.RollbackException;

/**
 * The invoice (TypeORM issue #3608): users 1 and 2 open invoice 1 at version 12; user 1 saves first and wins; user 2
 * saves the version it saw and is refused with a typed conflict, HTTP 412; the invoice keeps user 1's amount.
 */
final class InvoiceStory implements Story {

    private final EntityManagerFactory emf;

    InvoiceStory(EntityManagerFactory emf) {
        this.emf = emf;
    }

    @Override
    public String title() {
        return "The invoice";
    }

    @Override
    public boolean run() {
        inTransaction(em -> em.persist(new Invoice(1L, new BigDecimal("50.00"))));
        inTransaction(em -> em.createNativeQuery("update demo_invoice set version = 12 where id = 1").executeUpdate());

        int seenByUser1 = read("User 1");
        int seenByUser2 = read("User 2");

        boolean user1Saved = save("User 1", seenByUser1, "100.00");
        boolean user2Saved = save("User 2", seenByUser2, "150.00");

        Invoice stored = fromTransaction(em -> em.find(Invoice.class, 1L));
        System.out.printf("Invoice 1 now says amount %s at version %d%n", stored.amount, stored.version);
        return user1Saved && !user2Saved && stored.amount.compareTo(new BigDecimal("100.00")) == 0
                && stored.version == 13;
    }

    private int read(String user) {
        Invoice invoice = fromTransaction(em -> em.find(Invoice.class, 1L));
        System.out.printf("%s opens invoice 1: amount %s, version %d%n", user, invoice.amount, invoice.version);
        return invoice.version;
    }

    /** What a web request does: load the invoice, state the version the client saw, change it, commit. */
    private boolean save(String user, int versionSeen, String amount) {
        System.out.printf("%s saves amount %s (the client saw version %d)%n", user, amount, versionSeen);
        try {
            inTransaction(em -> {
                Invoice invoice = em.find(Invoice.class, 1L);
                CasOperations.expectVersion(em, invoice, versionSeen);
                invoice.amount = new BigDecimal(amount);
            });
            System.out.printf("  saved: invoice 1 is at version %d%n", fromTransaction(em -> em.find(Invoice.class, 1L)).version);
            return true;
        }
        catch (RollbackException e) {
            if (e.getCause() instanceof CasConflictException conflict) {
                System.out.printf("  refused with %s, HTTP %d:%n  %s%n  problem detail: %s%n",
                        conflict.getClass().getSimpleName(), conflict.getHttpStatus(), conflict.getMessage(),
                        conflict.toProblemDetail());
                return false;
            }
            throw e;
        }
    }

    private void inTransaction(java.util.function.Consumer<EntityManager> work) {
        emf.runInTransaction(work);
    }

    private <T> T fromTransaction(java.util.function.Function<EntityManager, T> work) {
        return emf.callInTransaction(work);
    }
}

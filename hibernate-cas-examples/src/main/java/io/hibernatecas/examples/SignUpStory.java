package io.hibernatecas.examples;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.hibernatecas.CasOperations;

import jakarta.persistence.EntityManagerFactory;

/**
 * The sign-up race (GitLab's find-or-create): many threads find-or-create the same username at once; one row must
 * exist at the end and every caller must get it.
 */
final class SignUpStory implements Story {

    private final EntityManagerFactory emf;
    private final int threads;

    SignUpStory(EntityManagerFactory emf, int threads) {
        this.emf = emf;
        this.threads = threads;
    }

    @Override
    public String title() {
        return "The sign-up race";
    }

    @Override
    public boolean run() {
        System.out.printf("%d threads sign up 'alice' at the same moment%n", threads);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> ids = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ids.add(pool.submit(() -> {
                start.await();
                return emf.callInTransaction(em -> CasOperations.findOrCreate(em, Member.class, "username", "alice",
                        () -> new Member("alice")).id);
            }));
        }
        start.countDown();
        Set<Long> distinct = new HashSet<>();
        try {
            for (Future<Long> id : ids) {
                distinct.add(id.get());
            }
        }
        catch (Exception e) {
            System.out.println("  FAIL: a caller failed: " + e);
            return false;
        }
        finally {
            pool.shutdown();
        }
        long rows = emf.callInTransaction(em -> em.createQuery("select count(m) from Member m where m.username = 'alice'",
                Long.class).getSingleResult());
        System.out.printf("  %d callers got member id(s) %s; rows for 'alice': %d%n", threads, distinct, rows);
        return rows == 1 && distinct.size() == 1;
    }
}

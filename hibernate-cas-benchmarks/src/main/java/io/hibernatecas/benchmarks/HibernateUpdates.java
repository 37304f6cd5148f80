package io.hibernatecas.benchmarks;

import io.hibernatecas.benchmarks.model.Item;

import java.util.List;

import org.hibernate.SessionFactory;

import jakarta.persistence.EntityManager;

/**
 * The Hibernate variants of {@link EntityUpdateBenchmark}: load {@code N} entities in a new {@code EntityManager},
 * change two attributes of each, commit (Hibernate flushes one {@code UPDATE} per entity, batched or not).
 */
final class HibernateUpdates implements UpdateWorkload {

    private final SessionFactory factory;
    private final Class<? extends Item> type;
    private final int rows;
    private EntityManager em;
    private List<? extends Item> items;

    HibernateUpdates(SessionFactory factory, Class<? extends Item> type, int rows) {
        this.factory = factory;
        this.type = type;
        this.rows = rows;
    }

    @Override
    public void load() {
        em = factory.createEntityManager();
        em.getTransaction().begin();
        items = em.createQuery("select i from " + type.getSimpleName() + " i where i.id <= :rows", type)
                .setParameter("rows", (long) rows)
                .getResultList();
        if (items.size() != rows) {
            throw new IllegalStateException("Loaded " + items.size() + " rows, expected " + rows);
        }
    }

    @Override
    public void update() {
        try {
            for (Item item : items) {
                long amount = item.getAmount() + 1;
                item.setAmount(amount);
                item.setNote("note-" + amount);
            }
            em.getTransaction().commit();
        }
        finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
            em = null;
            items = null;
        }
    }

    @Override
    public void close() {
        if (em != null && em.isOpen()) {
            em.close();
        }
        factory.close();
    }
}

package io.hibernatecas.spring.app;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.OptimisticLockType;
import org.hibernate.annotations.OptimisticLocking;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Hibernate's own dirty-field optimistic locking: left to Hibernate, so the startup report counts 2 of 3 (Invoice, enhanced.Document). */
@Entity
@DynamicUpdate
@OptimisticLocking(type = OptimisticLockType.DIRTY)
public class AuditEntry {

    @Id
    private Long id;

    private String text;

    protected AuditEntry() {
    }

    public AuditEntry(long id, String text) {
        this.id = id;
        this.text = text;
    }
}

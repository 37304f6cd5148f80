package io.hibernatecas.toolkit;

import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

/** An entity listener in the way of Spring Data's {@code AuditingEntityListener}. */
public class AuditListener {

    @PrePersist
    @PreUpdate
    void touch(AuditedNote note) {
        note.setEditedBy("listener");
    }
}

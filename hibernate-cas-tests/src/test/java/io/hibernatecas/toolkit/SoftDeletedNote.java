package io.hibernatecas.toolkit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.SoftDelete;

/** Soft-deleted rows stay in the table: the operations refuse the entity. */
@Entity
@Table(name = "toolkit_soft_note")
@SoftDelete
public class SoftDeletedNote {

    @Id
    private Long id;

    @Column(unique = true)
    private String title;

    private int views;

    protected SoftDeletedNote() {
    }

    public SoftDeletedNote(Long id, String title) {
        this.id = id;
        this.title = title;
    }
}

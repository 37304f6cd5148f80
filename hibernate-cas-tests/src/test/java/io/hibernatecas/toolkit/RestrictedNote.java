package io.hibernatecas.toolkit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.SQLRestriction;

/** Hibernate hides archived rows from its reads: the operations refuse the entity. */
@Entity
@Table(name = "toolkit_restricted_note")
@SQLRestriction("archived = false")
public class RestrictedNote {

    @Id
    private Long id;

    @Column(unique = true)
    private String title;

    private int views;

    private boolean archived;

    protected RestrictedNote() {
    }

    public RestrictedNote(Long id, String title) {
        this.id = id;
        this.title = title;
    }
}

package io.hibernatecas.operations;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A timestamp {@code @Version}: the operations set it to the current time instead of adding one. */
@Entity
@Table(name = "document")
public class Document {

    @Id
    private Long id;

    @Version
    private Instant revision;

    private String title;

    protected Document() {
    }

    public Document(Long id, String title) {
        this.id = id;
        this.title = title;
    }

    public Instant getRevision() {
        return revision;
    }

    public String getTitle() {
        return title;
    }
}

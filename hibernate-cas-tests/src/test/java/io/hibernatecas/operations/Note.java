package io.hibernatecas.operations;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** No unique constraint on {@code title}: {@code findOrCreate} by it is refused. Also the "other write" in tests. */
@Entity
@Table(name = "note")
public class Note {

    @Id
    @GeneratedValue
    private Long id;

    private String title;

    protected Note() {
    }

    public Note(String title) {
        this.title = title;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }
}

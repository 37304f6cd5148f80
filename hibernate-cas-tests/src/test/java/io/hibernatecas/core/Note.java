package io.hibernatecas.core;

import io.hibernatecas.Cas;

import org.hibernate.annotations.DynamicUpdate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Unversioned entity with two DIRTY-scoped guards and one unguarded attribute. */
@Entity
@DynamicUpdate
@Table(name = "note")
public class Note {

    @Id
    private Long id;

    @Cas(when = Cas.When.DIRTY)
    private String title;

    @Cas(when = Cas.When.DIRTY)
    private String body;

    private String tag;

    protected Note() {
    }

    public Note(Long id, String title, String body) {
        this.id = id;
        this.title = title;
        this.body = body;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }
}

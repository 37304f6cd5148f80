package io.hibernatecas.stress;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A row written both through Hibernate and by plain SQL that does not bump the version: only the {@link Cas @Cas}
 * guard on {@code content} can notice the plain-SQL writes.
 */
@Entity
@Table(name = "stress_memo")
public class Memo {

    @Id
    private Long id;

    @Version
    private long version;

    @Cas
    @Column(nullable = false, length = 40)
    private String content;

    protected Memo() {
    }

    public Memo(Long id, String content) {
        this.id = id;
        this.content = content;
    }

    public Long getId() {
        return id;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }
}

package io.hibernatecas.enhanced;

import io.hibernatecas.Cas;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Enhanced at build time, without a version: a lazy guard and a plain one are all that protect the row. */
@Entity
@Table(name = "memo")
public class Memo {

    @Id
    private Long id;

    @Cas
    private String title;

    @Cas
    @Basic(fetch = FetchType.LAZY)
    private String body;

    private String owner;

    protected Memo() {
    }

    public Memo(Long id, String title, String body) {
        this.id = id;
        this.title = title;
        this.body = body;
    }

    public String getBody() {
        return body;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }
}

package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A guarded string whose column the tests re-declare with collations that call different strings equal. */
@Entity
@Table(name = "person")
public class Person {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    public String name;

    public String note;

    protected Person() {
    }

    public Person(Long id, String name) {
        this.id = id;
        this.name = name;
    }
}

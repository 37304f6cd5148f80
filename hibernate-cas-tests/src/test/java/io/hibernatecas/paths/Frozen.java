package io.hibernatecas.paths;

import io.hibernatecas.Cas;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An {@code @Immutable} entity with a guard: never updated by Hibernate, but deleted. */
@Entity
@Table(name = "frozen")
@Immutable
public class Frozen {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    public String code;

    protected Frozen() {
    }

    public Frozen(Long id, String code) {
        this.id = id;
        this.code = code;
    }
}

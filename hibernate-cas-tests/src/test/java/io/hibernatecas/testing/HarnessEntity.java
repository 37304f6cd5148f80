package io.hibernatecas.testing;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Minimal versioned entity for the harness's own tests: assigned id (so inserts can be batched on every
 * database), {@code @Version int}, one string. Table name lowercase so plain SQL works unquoted everywhere.
 */
@Entity
@Table(name = "harness_entity")
public class HarnessEntity {

    @Id
    private Long id;

    @Version
    private int version;

    private String name;

    protected HarnessEntity() {
    }

    public HarnessEntity(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public int getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}

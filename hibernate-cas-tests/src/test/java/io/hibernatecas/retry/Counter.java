package io.hibernatecas.retry;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A hot row: versioned, and its hit count is also a {@link Cas @Cas} guard, so a concurrent change shows up as a
 * {@code VersionConflictException} (version bumped) or a {@code FieldConflictException} (plain SQL changed only
 * the hit count).
 */
@Entity
@Table(name = "retry_counter")
public class Counter {

    @Id
    private Long id;

    @Version
    private int version;

    @Cas
    private int hits;

    protected Counter() {
    }

    public Counter(Long id) {
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    public int getVersion() {
        return version;
    }

    public int getHits() {
        return hits;
    }

    public void increment() {
        hits++;
    }
}

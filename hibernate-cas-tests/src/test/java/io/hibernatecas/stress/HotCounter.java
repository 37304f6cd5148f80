package io.hibernatecas.stress;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The one hot row of the counter workloads: versioned, its count a {@link Cas @Cas} guard. */
@Entity
@Table(name = "stress_counter")
public class HotCounter {

    @Id
    private Long id;

    @Version
    private long version;

    @Cas
    @Column(nullable = false)
    private long hits;

    protected HotCounter() {
    }

    public HotCounter(Long id) {
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public long getHits() {
        return hits;
    }

    public void increment() {
        hits++;
    }
}

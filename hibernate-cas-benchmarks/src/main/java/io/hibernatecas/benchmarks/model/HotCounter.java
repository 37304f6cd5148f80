package io.hibernatecas.benchmarks.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The row that the operation and contention benchmarks increment: {@code hot_counter(id, version, n)}. */
@Entity
@Table(name = "hot_counter")
public class HotCounter {

    @Id
    private Long id;

    @Version
    private long version;

    @Column(nullable = false)
    private long n;

    protected HotCounter() {
    }

    public HotCounter(long id) {
        this.id = id;
    }

    public long getN() {
        return n;
    }

    public void setN(long n) {
        this.n = n;
    }
}

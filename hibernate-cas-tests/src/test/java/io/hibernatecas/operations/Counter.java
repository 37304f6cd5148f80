package io.hibernatecas.operations;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A counter row for {@code increment}: {@code Long} version, {@code int} and {@code BigDecimal} amounts. */
@Entity
@Table(name = "counter")
public class Counter {

    @Id
    private Long id;

    @Version
    private Long version;

    @Column(nullable = false)
    private int hits;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal total = BigDecimal.ZERO;

    private String name;

    protected Counter() {
    }

    public Counter(Long id) {
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public int getHits() {
        return hits;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}

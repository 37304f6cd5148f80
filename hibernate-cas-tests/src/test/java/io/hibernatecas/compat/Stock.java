package io.hibernatecas.compat;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Versioned, with one {@code @Cas} attribute: the library has something to check. */
@Entity
@Table(name = "compat_stock")
public class Stock {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    public int quantity;

    public String label;

    protected Stock() {
    }

    public Stock(Long id, int quantity, String label) {
        this.id = id;
        this.quantity = quantity;
        this.label = label;
    }
}

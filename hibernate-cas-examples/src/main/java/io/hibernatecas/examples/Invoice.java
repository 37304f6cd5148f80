package io.hibernatecas.examples;

import java.math.BigDecimal;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The invoice two users edit at the same time (TypeORM issue #3608). */
@Entity
@Table(name = "demo_invoice")
public class Invoice {

    @Id
    Long id;

    @Version
    int version;

    @Cas
    BigDecimal amount;

    protected Invoice() {
    }

    Invoice(Long id, BigDecimal amount) {
        this.id = id;
        this.amount = amount;
    }
}

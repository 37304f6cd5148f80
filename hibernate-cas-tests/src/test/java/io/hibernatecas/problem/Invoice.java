package io.hibernatecas.problem;

import java.math.BigDecimal;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "invoice")
public class Invoice {
    @Id public Long id;
    @Version public int version;
    @Cas public BigDecimal amount;
    public String memo;

    protected Invoice() {
    }

    public Invoice(Long id, BigDecimal amount) {
        this.id = id;
        this.amount = amount;
    }
}

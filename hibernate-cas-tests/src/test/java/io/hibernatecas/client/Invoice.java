package io.hibernatecas.client;

import java.math.BigDecimal;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "client_invoice")
public class Invoice {
    @Id public Long id;
    @Version public int version;
    @Cas public BigDecimal amount;
    public String status;
    public String memo;

    protected Invoice() {
    }

    public Invoice(Long id, BigDecimal amount, String status) {
        this.id = id;
        this.amount = amount;
        this.status = status;
    }
}

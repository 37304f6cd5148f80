package io.hibernatecas.core;

import java.math.BigDecimal;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Versioned entity with one ALWAYS guard. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private Long id;

    @Version
    private int version;

    @Cas
    private BigDecimal balance;

    private String owner;

    protected Account() {
    }

    public Account(Long id, BigDecimal balance, String owner) {
        this.id = id;
        this.balance = balance;
        this.owner = owner;
    }

    public Long getId() {
        return id;
    }

    public int getVersion() {
        return version;
    }

    public BigDecimal getBalance() {
        return balance;
    }

    public void setBalance(BigDecimal balance) {
        this.balance = balance;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }
}

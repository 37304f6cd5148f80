package io.hibernatecas.stress.security;

import java.math.BigDecimal;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Holds values that must not leak into messages, problem details or logs: a balance and a token, both guarded. */
@Entity
@Table(name = "security_vault")
public class Vault {

    @Id
    private Long id;

    @Version
    private int version;

    @Cas
    @Column(precision = 12, scale = 2)
    private BigDecimal balance;

    @Cas
    private String token;

    private String owner;

    protected Vault() {
    }

    public Vault(Long id, BigDecimal balance, String token, String owner) {
        this.id = id;
        this.balance = balance;
        this.token = token;
        this.owner = owner;
    }

    public Long getId() {
        return id;
    }

    public BigDecimal getBalance() {
        return balance;
    }

    public void setBalance(BigDecimal balance) {
        this.balance = balance;
    }

    public String getToken() {
        return token;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }
}

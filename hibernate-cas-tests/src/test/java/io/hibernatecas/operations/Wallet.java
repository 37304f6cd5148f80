package io.hibernatecas.operations;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.Formula;

/**
 * Versioned entity with an assigned id and one attribute of each kind the operations accept or refuse: basic
 * ({@code balance}, {@code owner}), enum ({@code status}), not updatable ({@code currency}), formula
 * ({@code doubled}) and a collection ({@code tags}).
 */
@Entity
@Table(name = "wallet")
public class Wallet {

    public enum Status { OPEN, FROZEN, CLOSED }

    @Id
    private Long id;

    @Version
    private int version;

    @Column(nullable = false)
    private long balance;

    private String owner;

    @Enumerated(EnumType.STRING)
    private Status status = Status.OPEN;

    @Column(updatable = false)
    private String currency = "EUR";

    @Formula("balance * 2")
    private Long doubled;

    @ElementCollection
    @CollectionTable(name = "wallet_tag")
    private Set<String> tags = new HashSet<>();

    protected Wallet() {
    }

    public Wallet(Long id, long balance, String owner) {
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

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public Set<String> getTags() {
        return tags;
    }
}

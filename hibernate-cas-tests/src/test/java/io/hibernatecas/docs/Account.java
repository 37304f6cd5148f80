package io.hibernatecas.docs;

import java.math.BigDecimal;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The README's entity. */
@Entity
@Table(name = "docs_account")
public class Account {
    @Id Long id;
    @Version int version;
    @Cas BigDecimal balance;
    String owner;

    protected Account() {
    }

    Account(Long id, BigDecimal balance) {
        this.id = id;
        this.balance = balance;
    }

    void withdraw(BigDecimal amount) {
        balance = balance.subtract(amount);
    }

    void setAmount(BigDecimal amount) {
        balance = amount;
    }
}

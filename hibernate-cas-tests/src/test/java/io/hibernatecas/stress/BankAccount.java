package io.hibernatecas.stress;

import java.math.BigDecimal;

import io.hibernatecas.Cas;

import jakarta.persistence.CheckConstraint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An account of the bank workload: versioned, its balance a {@link Cas @Cas} guard, and the database refuses a
 * negative balance (a {@code CHECK} constraint), as a second line of defence behind the application's own check.
 */
@Entity
@Table(name = "stress_account",
        check = @CheckConstraint(name = "stress_account_balance_not_negative", constraint = "balance >= 0"))
public class BankAccount {

    @Id
    private Long id;

    @Version
    private long version;

    @Cas
    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal balance;

    protected BankAccount() {
    }

    public BankAccount(Long id, BigDecimal balance) {
        this.id = id;
        this.balance = balance;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public BigDecimal getBalance() {
        return balance;
    }

    /** Adds {@code delta} (may be negative; the database refuses a negative balance). */
    public void adjust(BigDecimal delta) {
        balance = balance.add(delta);
    }

    /** Moves {@code amount} to {@code other} if this account holds enough; returns whether it did. */
    public boolean transferTo(BankAccount other, BigDecimal amount) {
        if (balance.compareTo(amount) < 0) {
            return false;
        }
        balance = balance.subtract(amount);
        other.balance = other.balance.add(amount);
        return true;
    }
}

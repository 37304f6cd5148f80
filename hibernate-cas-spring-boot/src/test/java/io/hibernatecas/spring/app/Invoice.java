package io.hibernatecas.spring.app;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

@Entity
public class Invoice {

    @Id
    private Long id;

    @Version
    private long version;

    private String customer;

    private long amount;

    /** OPEN or PAID; also checked against the value this transaction loaded. */
    @Cas
    private String status = "OPEN";

    private int reminders;

    protected Invoice() {
    }

    public Invoice(long id, String customer, long amount) {
        this.id = id;
        this.customer = customer;
        this.amount = amount;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getCustomer() {
        return customer;
    }

    public void setCustomer(String customer) {
        this.customer = customer;
    }

    public long getAmount() {
        return amount;
    }

    public void setAmount(long amount) {
        this.amount = amount;
    }

    public String getStatus() {
        return status;
    }

    public void pay() {
        this.status = "PAID";
    }

    public int getReminders() {
        return reminders;
    }

    public void remind() {
        reminders++;
    }
}

package io.hibernatecas.benchmarks.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The baseline: optimistic locking by {@code @Version} only, as plain Hibernate does it. */
@Entity
@Table(name = "plain_item")
public class PlainItem implements Item {

    @Id
    private Long id;

    @Version
    private int version;

    private String name;

    private long amount;

    private String note;

    protected PlainItem() {
    }

    public PlainItem(long id, String name, long amount) {
        this.id = id;
        this.name = name;
        this.amount = amount;
        this.note = "";
    }

    public Long getId() {
        return id;
    }

    @Override
    public long getAmount() {
        return amount;
    }

    @Override
    public void setAmount(long amount) {
        this.amount = amount;
    }

    @Override
    public void setNote(String note) {
        this.note = note;
    }
}

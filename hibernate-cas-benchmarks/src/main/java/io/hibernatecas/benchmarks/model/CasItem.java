package io.hibernatecas.benchmarks.model;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * {@link PlainItem} with two {@code @Cas} guards on top of the version:
 * {@code update cas_item set amount=?,name=?,note=?,version=? where id=? and amount=? and name=? and version=?}.
 */
@Entity
@Table(name = "cas_item")
public class CasItem implements Item {

    @Id
    private Long id;

    @Version
    private int version;

    @Cas
    private String name;

    @Cas
    private long amount;

    private String note;

    protected CasItem() {
    }

    public CasItem(long id, String name, long amount) {
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

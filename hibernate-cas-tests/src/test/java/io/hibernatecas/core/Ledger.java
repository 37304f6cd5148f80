package io.hibernatecas.core;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Unversioned entity with one ALWAYS guard. */
@Entity
@Table(name = "ledger")
public class Ledger {

    @Id
    private Long id;

    @Cas
    private String status;

    private String memo;

    protected Ledger() {
    }

    public Ledger(Long id, String status) {
        this.id = id;
        this.status = status;
    }

    public Long getId() {
        return id;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getMemo() {
        return memo;
    }

    public void setMemo(String memo) {
        this.memo = memo;
    }
}

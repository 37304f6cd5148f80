package io.hibernatecas.paths;

import java.util.Date;

import io.hibernatecas.Cas;

import org.hibernate.annotations.DynamicUpdate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Temporal;
import jakarta.persistence.TemporalType;

/** Unversioned, with two mutable guarded values ({@link Date}): one ALWAYS, one DIRTY. */
@Entity
@Table(name = "slot")
@DynamicUpdate
public class Slot {

    @Id
    public Long id;

    @Cas
    @Temporal(TemporalType.TIMESTAMP)
    public Date due;

    @Cas(when = Cas.When.DIRTY)
    @Temporal(TemporalType.TIMESTAMP)
    public Date remind;

    public String owner;

    protected Slot() {
    }

    public Slot(Long id, Date due, Date remind) {
        this.id = id;
        this.due = due;
        this.remind = remind;
    }
}

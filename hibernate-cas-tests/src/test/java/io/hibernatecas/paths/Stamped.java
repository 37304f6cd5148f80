package io.hibernatecas.paths;

import java.math.BigDecimal;
import java.time.Instant;

import io.hibernatecas.Cas;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.SourceType;
import org.hibernate.annotations.UpdateTimestamp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Dynamic update, an ALWAYS and a DIRTY guard, and a timestamp the database writes on every update. */
@Entity
@Table(name = "stamped")
@DynamicUpdate
public class Stamped {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    public BigDecimal balance;

    @Cas(when = Cas.When.DIRTY)
    public String note;

    public String owner;

    @UpdateTimestamp(source = SourceType.DB)
    public Instant updatedAt;

    protected Stamped() {
    }

    public Stamped(Long id, BigDecimal balance, String note) {
        this.id = id;
        this.balance = balance;
        this.note = note;
    }
}

package io.hibernatecas.paths;

import java.time.Instant;

import io.hibernatecas.Cas;

import org.hibernate.annotations.CurrentTimestamp;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Static update, unversioned, an ALWAYS guard, and two columns the database generates on update. */
@Entity
@Table(name = "touched")
public class Touched {

    @Id
    public Long id;

    @Cas
    public String code;

    public String owner;

    @CurrentTimestamp
    public Instant touchedAt;

    @Generated(event = {EventType.INSERT, EventType.UPDATE}, sql = "42")
    public Integer generated;

    protected Touched() {
    }

    public Touched(Long id, String code) {
        this.id = id;
        this.code = code;
    }
}

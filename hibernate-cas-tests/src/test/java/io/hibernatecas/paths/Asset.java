package io.hibernatecas.paths;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;

/** Unversioned JOINED root with a guard; {@link Machine} adds a table. */
@Entity
@Table(name = "asset")
@Inheritance(strategy = InheritanceType.JOINED)
public class Asset {

    @Id
    public Long id;

    @Cas
    public String status;
}

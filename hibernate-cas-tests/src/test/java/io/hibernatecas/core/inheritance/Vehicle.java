package io.hibernatecas.core.inheritance;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** SINGLE_TABLE root with a guard. */
@Entity
@Table(name = "vehicle")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
public class Vehicle {
    @Id public Long id;
    @Version public int version;
    @Cas public String plate;
    public String color;
}

package io.hibernatecas.core.inheritance;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** TABLE_PER_CLASS root with a guard. */
@Entity
@Table(name = "shape")
@Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
public class Shape {
    @Id public Long id;
    @Version public int version;
    @Cas public String label;
    public String color;
}

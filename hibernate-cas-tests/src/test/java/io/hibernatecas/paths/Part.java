package io.hibernatecas.paths;

import io.hibernatecas.Cas;

import org.hibernate.annotations.DynamicUpdate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;

/** Unversioned JOINED root with {@code @DynamicUpdate} and a guard; {@link Gear} adds a table. */
@Entity
@Table(name = "part")
@DynamicUpdate
@Inheritance(strategy = InheritanceType.JOINED)
public class Part {

    @Id
    public Long id;

    @Cas
    public String status;
}

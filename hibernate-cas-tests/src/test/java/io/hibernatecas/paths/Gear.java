package io.hibernatecas.paths;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A JOINED subclass of a {@code @DynamicUpdate} root. */
@Entity
@Table(name = "gear")
public class Gear extends Part {

    public Integer teeth;
}

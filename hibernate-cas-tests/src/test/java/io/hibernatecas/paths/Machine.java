package io.hibernatecas.paths;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A JOINED subclass whose own column is the only one an update may change. */
@Entity
@Table(name = "machine")
public class Machine extends Asset {

    public Integer hours;
}

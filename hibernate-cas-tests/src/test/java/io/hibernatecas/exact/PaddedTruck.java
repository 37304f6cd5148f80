package io.hibernatecas.exact;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The subclass table of {@link PaddedAsset}. */
@Entity
@Table(name = "padded_truck")
public class PaddedTruck extends PaddedAsset {

    public String driver;
}

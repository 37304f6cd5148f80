package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** {@code JOINED} root with a guarded {@code char(8)} column; {@link PaddedTruck} adds a table. */
@Entity
@Table(name = "padded_asset")
@Inheritance(strategy = InheritanceType.JOINED)
public class PaddedAsset {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    @Column(columnDefinition = "char(8)")
    public String tag;
}

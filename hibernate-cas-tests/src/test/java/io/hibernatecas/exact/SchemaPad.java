package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A guarded {@code char(8)} column in a schema-qualified table (MariaDB has no schemas: Hibernate leaves it out). */
@Entity
@Table(name = "schema_pad", schema = "cas_pad")
public class SchemaPad {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    @Column(columnDefinition = "char(8)")
    public String label;

    public String note;
}

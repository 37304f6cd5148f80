package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A guarded {@code varchar} column named like {@link PadRow}'s {@code char(8)} one, in a table whose name differs
 * from {@code "Pad_Row"} only in case (another table on H2, PostgreSQL and MariaDB on Linux). No version: the guard
 * alone protects the column.
 */
@Entity
@Table(name = "pad_row")
public class PadRowTwin {

    @Id
    public Long id;

    @Cas
    @Column(name = "label")
    public String label;

    public String note;

    protected PadRowTwin() {
    }

    public PadRowTwin(Long id, String label) {
        this.id = id;
        this.label = label;
    }
}

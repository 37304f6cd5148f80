package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A guarded {@code char(8)} column with quoted table and column names ({@code "Pad_Row"."Label"}); its table's
 * name differs only in case from {@link PadRowTwin}'s, whose column of the same name is a {@code varchar}.
 */
@Entity
@Table(name = "`Pad_Row`")
public class PadRow {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    @Column(name = "`Label`", columnDefinition = "char(8)")
    public String label;

    public String note;

    protected PadRow() {
    }

    public PadRow(Long id, String label) {
        this.id = id;
        this.label = label;
    }
}

package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Guarded strings in {@code CHAR} columns, declared the two ways a mapping can: Hibernate's type
 * ({@code @JdbcTypeCode(SqlTypes.CHAR)}) and the column's DDL ({@code columnDefinition}).
 */
@Entity
@Table(name = "fixed_width")
public class FixedWidth {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 8)
    public String code;

    @Cas
    @Column(columnDefinition = "char(8)")
    public String label;

    public String note;

    protected FixedWidth() {
    }

    public FixedWidth(Long id, String code, String label) {
        this.id = id;
        this.code = code;
        this.label = label;
    }
}

package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Hibernate's type says {@code CHAR}, the declared DDL says {@code varchar(8)}: the column is a {@code varchar}. */
@Entity
@Table(name = "varying_code")
public class VaryingCode {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(columnDefinition = "varchar(8)")
    public String code;

    public String note;

    protected VaryingCode() {
    }

    public VaryingCode(Long id, String code) {
        this.id = id;
        this.code = code;
    }
}

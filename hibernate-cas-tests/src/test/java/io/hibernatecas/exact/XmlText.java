package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A guarded XML document held as a {@code String}: an {@code xml} column on PostgreSQL, which has no {@code =}. */
@Entity
@Table(name = "xml_text")
public class XmlText {

    @Id
    public Long id;

    @Version
    public int version;

    public String note;

    @Cas @JdbcTypeCode(SqlTypes.SQLXML) public String body;

    protected XmlText() {
    }

    public XmlText(Long id, String body) {
        this.id = id;
        this.body = body;
    }
}

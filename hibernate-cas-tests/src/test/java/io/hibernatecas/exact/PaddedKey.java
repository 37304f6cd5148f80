package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An identifier in a {@code char(8)} column: H2 and PostgreSQL read {@code 'ab'} back as {@code 'ab      '}. */
@Entity
@Table(name = "padded_key")
public class PaddedKey {

    @Id
    @Column(columnDefinition = "char(8)")
    public String code;

    @Version
    public int version;

    @Cas
    public String name;

    protected PaddedKey() {
    }

    public PaddedKey(String code, String name) {
        this.code = code;
        this.name = name;
    }
}

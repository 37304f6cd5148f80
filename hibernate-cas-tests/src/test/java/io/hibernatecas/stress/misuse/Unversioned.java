package io.hibernatecas.stress.misuse;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** No {@code @Version}, a composite identifier and a unique code: what expectVersion and findOrCreate refuse. */
@Entity
@Table(name = "misuse_unversioned")
@IdClass(UnversionedId.class)
public class Unversioned {

    @Id
    private Long region;

    @Id
    private Long number;

    @Column(unique = true)
    private String code;

    protected Unversioned() {
    }

    public Unversioned(Long region, Long number, String code) {
        this.region = region;
        this.number = number;
        this.code = code;
    }
}

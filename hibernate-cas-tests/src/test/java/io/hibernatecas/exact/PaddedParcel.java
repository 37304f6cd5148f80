package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * No version: guarded {@code CHAR} columns declared in DDL in an embeddable ({@code char(6)}) and as {@code nchar(6)},
 * with attribute names that a snake-case physical naming strategy renames ({@code shelfCode} → {@code shelf_code}).
 */
@Entity
@Table(name = "padded_parcel")
public class PaddedParcel {

    @Embeddable
    public static class Box {

        @Column(columnDefinition = "char(6)")
        public String shelfCode;

        public String owner;
    }

    @Id
    public Long id;

    @Cas
    @Column(columnDefinition = "nchar(6)")
    public String binCode;

    @Cas
    @Embedded
    public Box box = new Box();

    public String note;
}

package io.hibernatecas.exact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A unique key in a {@code char(8)} column, for {@code findOrCreate}. */
@Entity
@Table(name = "padded_tag")
public class PaddedTag {

    @Id
    public Long id;

    @Version
    public int version;

    @Column(columnDefinition = "char(8)", unique = true)
    public String name;
}

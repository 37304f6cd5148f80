package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A guarded {@code @Lob byte[]}: compared by value on H2 and MariaDB, refused on PostgreSQL ({@code oid}). */
@Entity
@Table(name = "lob_bytes")
public class LobBytes {

    @Id
    public Long id;

    @Version
    public int version;

    public String note;

    @Cas @Lob public byte[] data;

    protected LobBytes() {
    }

    public LobBytes(Long id, byte[] data) {
        this.id = id;
        this.data = data;
    }
}

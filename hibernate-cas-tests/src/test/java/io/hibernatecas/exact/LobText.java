package io.hibernatecas.exact;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A guarded {@code @Lob String}: compared by value on H2 and MariaDB, refused on PostgreSQL ({@code oid}). */
@Entity
@Table(name = "lob_text")
public class LobText {

    @Id
    public Long id;

    @Version
    public int version;

    public String note;

    @Cas @Lob public String body;

    protected LobText() {
    }

    public LobText(Long id, String body) {
        this.id = id;
        this.body = body;
    }
}

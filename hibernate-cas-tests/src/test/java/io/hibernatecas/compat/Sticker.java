package io.hibernatecas.compat;

import io.hibernatecas.Cas;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Not {@code Serializable}, with a guarded value that is not either ({@link Badge}) and one that is. */
@Entity
@Table(name = "compat_sticker")
public class Sticker {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    public int quantity;

    @Cas
    @Convert(converter = BadgeConverter.class)
    public Badge badge;

    protected Sticker() {
    }

    public Sticker(Long id, int quantity, Badge badge) {
        this.id = id;
        this.quantity = quantity;
        this.badge = badge;
    }
}

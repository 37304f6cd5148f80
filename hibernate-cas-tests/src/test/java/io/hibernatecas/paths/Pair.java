package io.hibernatecas.paths;

import java.io.Serializable;
import java.util.Objects;

import io.hibernatecas.Cas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A composite identifier declared with {@code @IdClass} and a guarded attribute. */
@Entity
@Table(name = "pair")
@IdClass(Pair.Key.class)
public class Pair {

    @Id
    public Long shelf;

    @Id
    public Long slot;

    @Version
    public int version;

    @Cas
    public String label;

    public String owner;

    protected Pair() {
    }

    public Pair(Long shelf, Long slot, String label) {
        this.shelf = shelf;
        this.slot = slot;
        this.label = label;
    }

    /** The identifier class. */
    public static class Key implements Serializable {
        public Long shelf;
        public Long slot;

        public Key() {
        }

        public Key(Long shelf, Long slot) {
            this.shelf = shelf;
            this.slot = slot;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(shelf, key.shelf) && Objects.equals(slot, key.slot);
        }

        @Override
        public int hashCode() {
            return Objects.hash(shelf, slot);
        }
    }
}

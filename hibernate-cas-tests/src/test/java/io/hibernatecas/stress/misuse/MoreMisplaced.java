package io.hibernatecas.stress.misuse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.hibernatecas.Cas;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.OptimisticLockType;
import org.hibernate.annotations.OptimisticLocking;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;

/**
 * Misplaced {@code @Cas} that {@code io.hibernatecas.core.bootstrap.BootstrapValidationTest} does not cover (it
 * covers the identifier, the version, an element collection, {@code @Transient}, {@code @Formula}, the inverse side
 * of a one-to-one, an {@code @Embeddable}'s own attribute, {@code ALL} locking, custom SQL, {@code @SoftDelete},
 * {@code DIRTY} without {@code @DynamicUpdate}, a {@code JOINED} subclass table and a secondary table).
 */
final class MoreMisplaced {

    private MoreMisplaced() {
    }

    @Entity(name = "DirtyLocking")
    @OptimisticLocking(type = OptimisticLockType.DIRTY)
    @DynamicUpdate
    static class DirtyLocking {
        @Id Long id;
        @Cas String name;
    }

    @Entity(name = "OnOneToMany")
    static class OnOneToMany {
        @Id Long id;
        @Cas @OneToMany List<Target> targets = new ArrayList<>();
    }

    @Entity(name = "OnManyToMany")
    static class OnManyToMany {
        @Id Long id;
        @Cas @ManyToMany List<Target> targets = new ArrayList<>();
    }

    @Entity(name = "Target")
    static class Target {
        @Id Long id;
    }

    @Embeddable
    static class GuardedKey implements Serializable {
        @Cas Long part;
        Long other;

        @Override
        public boolean equals(Object o) {
            return o instanceof GuardedKey k && Objects.equals(part, k.part) && Objects.equals(other, k.other);
        }

        @Override
        public int hashCode() {
            return Objects.hash(part, other);
        }
    }

    @Entity(name = "InsideEmbeddedId")
    static class InsideEmbeddedId {
        @EmbeddedId GuardedKey id;
        String name;
    }

    static class PairId implements Serializable {
        Long left;
        Long right;

        @Override
        public boolean equals(Object o) {
            return o instanceof PairId p && Objects.equals(left, p.left) && Objects.equals(right, p.right);
        }

        @Override
        public int hashCode() {
            return Objects.hash(left, right);
        }
    }

    @Entity(name = "OnIdClassPart")
    @IdClass(PairId.class)
    static class OnIdClassPart {
        @Id @Cas Long left;
        @Id Long right;
        String name;
    }

    @Entity(name = "OnNonGetterMethod")
    static class OnNonGetterMethod {
        @Id Long id;
        String name;

        @Cas
        void rename(String name) {
            this.name = name;
        }
    }

    @Entity(name = "OnStaticField")
    static class OnStaticField {
        @Cas static String shared;
        @Id Long id;
    }
}

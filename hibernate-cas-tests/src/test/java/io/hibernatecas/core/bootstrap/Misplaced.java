package io.hibernatecas.core.bootstrap;

import java.util.ArrayList;
import java.util.List;

import io.hibernatecas.Cas;
import io.hibernatecas.core.Address;

import org.hibernate.annotations.Formula;
import org.hibernate.annotations.OptimisticLockType;
import org.hibernate.annotations.OptimisticLocking;
import org.hibernate.annotations.SQLUpdate;
import org.hibernate.annotations.SoftDelete;

import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/** Entities that misuse {@code @Cas}; each must fail the bootstrap with its own message. */
final class Misplaced {

    private Misplaced() {
    }

    @Entity(name = "OnId")
    static class OnId {
        @Id @Cas Long id;
    }

    @Entity(name = "OnVersion")
    static class OnVersion {
        @Id Long id;
        @Version @Cas int version;
    }

    @Entity(name = "OnCollection")
    static class OnCollection {
        @Id Long id;
        @Cas @ElementCollection List<String> tags = new ArrayList<>();
    }

    @Entity(name = "OnTransient")
    static class OnTransient {
        @Id Long id;
        @Cas @Transient String scratch;
    }

    @Entity(name = "OnFormula")
    static class OnFormula {
        @Id Long id;
        String name;
        @Cas @Formula("upper(name)") String upperName;
    }

    @Entity(name = "OnInverseOneToOne")
    static class OnInverseOneToOne {
        @Id Long id;
        @Cas @OneToOne(mappedBy = "owner") OwnerSide owned;
    }

    @Entity(name = "OwnerSide")
    static class OwnerSide {
        @Id Long id;
        @OneToOne OnInverseOneToOne owner;
    }

    @Embeddable
    static class GuardedInside {
        @Cas String value;
    }

    @Entity(name = "InsideEmbeddable")
    static class InsideEmbeddable {
        @Id Long id;
        @Embedded GuardedInside inside;
    }

    @Entity(name = "AllLocking")
    @OptimisticLocking(type = OptimisticLockType.ALL)
    @org.hibernate.annotations.DynamicUpdate
    static class AllLocking {
        @Id Long id;
        @Cas String name;
    }

    @Entity(name = "CustomSql")
    @SQLUpdate(sql = "update CustomSql set name = ? where id = ?")
    static class CustomSql {
        @Id Long id;
        @Cas String name;
    }

    @Entity(name = "SoftDeleted")
    @SoftDelete
    static class SoftDeleted {
        @Id Long id;
        @Cas String name;
    }

    @Entity(name = "DirtyWithoutDynamicUpdate")
    static class DirtyWithoutDynamicUpdate {
        @Id Long id;
        @Cas(when = Cas.When.DIRTY) String name;
    }

    @Entity(name = "JoinedRoot")
    @Inheritance(strategy = InheritanceType.JOINED)
    static class JoinedRoot {
        @Id Long id;
    }

    @Entity(name = "JoinedChild")
    @Table(name = "joined_child")
    static class JoinedChild extends JoinedRoot {
        @Cas String extra;
    }

    @Entity(name = "FixedRoot")
    @Table(name = "fixed_root")
    @Inheritance(strategy = InheritanceType.JOINED)
    static class FixedRoot {
        @Id Long id;
        @Cas @Column(updatable = false) String code;
    }

    @Entity(name = "FixedChild")
    @Table(name = "fixed_child")
    static class FixedChild extends FixedRoot {
        String extra;
    }

    @Entity(name = "WithSecondary")
    @SecondaryTable(name = "with_secondary_more")
    static class WithSecondary {
        @Id Long id;
        @Cas @Column(table = "with_secondary_more") String more;
    }

    @Entity(name = "Fine")
    static class Fine {
        @Id Long id;
        @Version int version;
        @Cas String name;
        @Cas @Embedded Address address;
    }
}

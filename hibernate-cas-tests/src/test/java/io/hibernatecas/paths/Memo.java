package io.hibernatecas.paths;

import io.hibernatecas.Cas;

import org.hibernate.annotations.OptimisticLock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Versioned, with a guard, and an attribute in a secondary table that does not bump the version. */
@Entity
@Table(name = "memo")
@SecondaryTable(name = "memo_extra")
public class Memo {

    @Id
    public Long id;

    @Version
    public int version;

    @Cas
    public String title;

    @OptimisticLock(excluded = true)
    @Column(table = "memo_extra")
    public String scribble;
}

package io.hibernatecas.core;

import java.util.HashSet;
import java.util.Set;

import io.hibernatecas.Cas;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Versioned owner of a collection: a collection-only change bumps the version with a version-only UPDATE. */
@Entity
@Table(name = "team")
public class Team {

    @Id
    private Long id;

    @Version
    private int version;

    @Cas
    private String name;

    @ElementCollection
    @CollectionTable(name = "team_tag", joinColumns = @JoinColumn(name = "team_id"))
    private Set<String> tags = new HashSet<>();

    protected Team() {
    }

    public Team(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Set<String> getTags() {
        return tags;
    }

    public int getVersion() {
        return version;
    }
}

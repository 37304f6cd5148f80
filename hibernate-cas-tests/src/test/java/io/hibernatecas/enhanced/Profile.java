package io.hibernatecas.enhanced;

import io.hibernatecas.Cas;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Enhanced at build time (see {@code EnhanceTestClasses}): inline dirty tracking, and a lazy guarded attribute that
 * is fetched only when read.
 */
@Entity
@Table(name = "profile")
public class Profile {

    @Id
    private Long id;

    @Version
    private int version;

    @Cas
    private String name;

    @Cas
    @Basic(fetch = FetchType.LAZY)
    private String bio;

    private String owner;

    protected Profile() {
    }

    public Profile(Long id, String name, String bio) {
        this.id = id;
        this.name = name;
        this.bio = bio;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getBio() {
        return bio;
    }

    public void setBio(String bio) {
        this.bio = bio;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }
}

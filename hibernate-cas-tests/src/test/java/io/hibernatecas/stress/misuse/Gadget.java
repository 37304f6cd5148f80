package io.hibernatecas.stress.misuse;

import java.util.ArrayList;
import java.util.List;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A versioned entity with a guard, a unique code, a plain label and a collection: the target of the misuses. */
@Entity
@Table(name = "misuse_gadget")
public class Gadget {

    @Id
    private Long id;

    @Version
    private int version;

    @Cas
    private String name;

    @Column(unique = true)
    private String code;

    private String label;

    @ElementCollection
    private List<String> tags = new ArrayList<>();

    protected Gadget() {
    }

    public Gadget(Long id, String name, String code) {
        this.id = id;
        this.name = name;
        this.code = code;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCode() {
        return code;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public List<String> getTags() {
        return tags;
    }
}

package io.hibernatecas.operations;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.NaturalId;

/** {@code findOrCreate} by a {@code @NaturalId}; the factory assigns the {@code UUID} id. */
@Entity
@Table(name = "setting")
public class Setting {

    @Id
    private UUID id;

    @NaturalId
    @Column(name = "setting_name")
    private String name;

    @Column(name = "setting_value")
    private String value;

    protected Setting() {
    }

    public Setting(UUID id, String name, String value) {
        this.id = id;
        this.name = name;
        this.value = value;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }
}

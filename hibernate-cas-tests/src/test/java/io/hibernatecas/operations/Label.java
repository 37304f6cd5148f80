package io.hibernatecas.operations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** {@code findOrCreate} by a two-column {@code @UniqueConstraint}; identity id, no version. */
@Entity
@Table(name = "label", uniqueConstraints = @UniqueConstraint(columnNames = {"scope", "label_key"}))
public class Label {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String scope;

    @Column(name = "label_key", nullable = false)
    private String key;

    private String text;

    public Label() {
    }

    public Label(String text) {
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getScope() {
        return scope;
    }

    public String getKey() {
        return key;
    }

    public String getText() {
        return text;
    }
}

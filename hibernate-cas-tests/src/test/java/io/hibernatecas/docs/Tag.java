package io.hibernatecas.docs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "docs_tag")
public class Tag {
    @Id @GeneratedValue Long id;
    @Column(unique = true) String name;

    Tag() {
    }
}

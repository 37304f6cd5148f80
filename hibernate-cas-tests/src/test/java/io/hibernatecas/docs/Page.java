package io.hibernatecas.docs;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "docs_page")
public class Page {
    @Id Long id;
    @Version int version;
    long views;

    protected Page() {
    }

    Page(Long id) {
        this.id = id;
    }
}

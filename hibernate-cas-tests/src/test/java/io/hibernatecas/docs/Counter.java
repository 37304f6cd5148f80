package io.hibernatecas.docs;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "docs_counter")
public class Counter {
    @Id Long id;
    @Version int version;
    int hits;

    protected Counter() {
    }

    Counter(Long id) {
        this.id = id;
    }

    void increment() {
        hits++;
    }

    int getHits() {
        return hits;
    }
}

package io.hibernatecas.examples;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One hot row that many threads add to. */
@Entity
@Table(name = "demo_counter")
public class Counter {

    @Id
    Long id;

    @Version
    long version;

    @Column(name = "counter_value")
    long value;

    protected Counter() {
    }

    Counter(Long id) {
        this.id = id;
    }
}

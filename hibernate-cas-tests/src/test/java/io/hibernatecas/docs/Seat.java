package io.hibernatecas.docs;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "docs_seat")
public class Seat {
    @Id Long id;
    @Version int version;
    String holder;

    protected Seat() {
    }

    Seat(Long id) {
        this.id = id;
    }

    void setHolder(String holder) {
        this.holder = holder;
    }
}

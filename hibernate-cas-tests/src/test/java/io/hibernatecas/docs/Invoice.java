package io.hibernatecas.docs;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "docs_invoice")
public class Invoice {

    enum Status { OPEN, PAID }

    @Id Long id;
    @Version int version;
    @Enumerated(EnumType.STRING) Status status = Status.OPEN;

    protected Invoice() {
    }

    Invoice(Long id) {
        this.id = id;
    }
}

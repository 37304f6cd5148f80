package io.hibernatecas.compat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Neither {@code @Version} nor {@code @Cas}: nothing to check, so the library must never make it fail. */
@Entity
@Table(name = "compat_memo")
public class Memo {

    @Id
    public Long id;

    public String text;

    protected Memo() {
    }

    public Memo(Long id, String text) {
        this.id = id;
        this.text = text;
    }
}

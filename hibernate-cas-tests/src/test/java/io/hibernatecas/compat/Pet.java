package io.hibernatecas.compat;

import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** References a {@link Memo} through the foreign key {@code fk_pet_memo}. */
@Entity
@Table(name = "compat_pet")
public class Pet {

    @Id
    public Long id;

    @ManyToOne
    @JoinColumn(name = "memo_id", foreignKey = @ForeignKey(name = "fk_pet_memo"))
    public Memo memo;

    protected Pet() {
    }

    public Pet(Long id, Memo memo) {
        this.id = id;
        this.memo = memo;
    }
}

package io.hibernatecas.problem;

import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {
    @Id public Long id;
    @Version public int version;
    @ManyToOne
    @JoinColumn(name = "customer_id", foreignKey = @ForeignKey(name = "fk_order_customer"))
    public Customer customer;

    protected PurchaseOrder() {
    }

    public PurchaseOrder(Long id, Customer customer) {
        this.id = id;
        this.customer = customer;
    }
}

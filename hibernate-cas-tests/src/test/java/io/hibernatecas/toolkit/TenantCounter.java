package io.hibernatecas.toolkit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

/** A row of one tenant (Hibernate's discriminator multi-tenancy); {@code name} is unique per tenant. */
@Entity
@Table(name = "toolkit_tenant_counter", uniqueConstraints = @UniqueConstraint(columnNames = {"tenant", "name"}))
public class TenantCounter {

    @Id
    private Long id;

    @TenantId
    private String tenant;

    @Version
    private int version;

    @Column(nullable = false)
    private String name;

    private int hits;

    protected TenantCounter() {
    }

    public TenantCounter(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getTenant() {
        return tenant;
    }

    public String getName() {
        return name;
    }

    public int getHits() {
        return hits;
    }

    public void setName(String name) {
        this.name = name;
    }
}

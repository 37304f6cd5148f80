package io.hibernatecas.toolkit;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** A hot counter kept in the second-level cache ({@code read-write}). */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@Table(name = "toolkit_cached_counter")
public class CachedCounter {

    @Id
    private Long id;

    @Version
    private int version;

    private int hits;

    private String label;

    protected CachedCounter() {
    }

    public CachedCounter(Long id, String label) {
        this.id = id;
        this.label = label;
    }

    public int getHits() {
        return hits;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }
}

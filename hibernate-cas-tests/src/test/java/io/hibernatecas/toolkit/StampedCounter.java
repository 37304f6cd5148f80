package io.hibernatecas.toolkit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.UpdateTimestamp;

/** A counter with an update timestamp and no callbacks: written by id with the timestamp refreshed. */
@Entity
@Table(name = "toolkit_stamped_counter")
public class StampedCounter {

    @Id
    private Long id;

    @Version
    private int version;

    private int hits;

    private String label;

    @UpdateTimestamp
    @Column(name = "modified_at")
    private Instant modifiedAt;

    protected StampedCounter() {
    }

    public StampedCounter(Long id, String label) {
        this.id = id;
        this.label = label;
    }
}

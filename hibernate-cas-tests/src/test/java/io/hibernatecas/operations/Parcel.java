package io.hibernatecas.operations;

import io.hibernatecas.Cas;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Embedded and to-one attributes, and a {@code @Cas} guard that {@code update} checks too. */
@Entity
@Table(name = "parcel")
public class Parcel {

    @Id
    private Long id;

    @Version
    private int version;

    @Embedded
    private Address destination;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "payer_id")
    private Wallet payer;

    @Cas
    private String carrier;

    private String label;

    protected Parcel() {
    }

    public Parcel(Long id, String carrier) {
        this.id = id;
        this.carrier = carrier;
    }

    public int getVersion() {
        return version;
    }

    public Address getDestination() {
        return destination;
    }

    public Wallet getPayer() {
        return payer;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }
}

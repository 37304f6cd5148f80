package io.hibernatecas.operations;

import jakarta.persistence.Embeddable;

/** Two columns, compared and set together by {@code compareAndSet} on the embedded attribute. */
@Embeddable
public class Address {

    private String street;

    private String city;

    protected Address() {
    }

    public Address(String street, String city) {
        this.street = street;
        this.city = city;
    }

    public String getStreet() {
        return street;
    }

    public String getCity() {
        return city;
    }
}

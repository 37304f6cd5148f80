package io.hibernatecas.core.inheritance;

import jakarta.persistence.Entity;

@Entity
public class Car extends Vehicle {
    public Integer seats;
}

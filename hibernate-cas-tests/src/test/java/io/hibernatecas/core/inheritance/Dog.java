package io.hibernatecas.core.inheritance;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "dog")
public class Dog extends Animal {
    public String breed;
}

package io.hibernatecas.core.inheritance;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "circle")
public class Circle extends Shape {
    public Integer radius;
}

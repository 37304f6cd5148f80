package io.hibernatecas.core;

/** A value type stored through {@link MoneyConverter}. */
public record Money(long cents) {
}

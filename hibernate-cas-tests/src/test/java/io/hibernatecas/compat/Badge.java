package io.hibernatecas.compat;

/** A value type that is not {@code Serializable}, stored through {@link BadgeConverter}. */
public final class Badge {

    private final String name;

    public Badge(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Badge badge && badge.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}

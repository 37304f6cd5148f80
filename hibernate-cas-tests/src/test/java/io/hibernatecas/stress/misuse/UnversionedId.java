package io.hibernatecas.stress.misuse;

import java.io.Serializable;
import java.util.Objects;

/** The composite identifier of {@link Unversioned}. */
public class UnversionedId implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long region;
    private Long number;

    public UnversionedId() {
    }

    public UnversionedId(Long region, Long number) {
        this.region = region;
        this.number = number;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnversionedId other && Objects.equals(region, other.region)
                && Objects.equals(number, other.number);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, number);
    }
}

package io.hibernatecas.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One guarded attribute of every supported kind; columns named after the attribute. */
@Entity
@Table(name = "kinds")
public class Kinds {

    @Id
    public Long id;

    @Version
    public int version;

    public String other;

    @Cas public String text;
    @Cas @Column(name = "int_value") public int intValue;
    @Cas @Column(name = "long_value") public long longValue;
    @Cas @Column(name = "short_value") public short shortValue;
    @Cas @Column(name = "byte_value") public byte byteValue;
    @Cas @Column(name = "double_value") public double doubleValue;
    @Cas @Column(name = "float_value") public float floatValue;
    @Cas @Column(name = "decimal_value", precision = 12, scale = 2) public BigDecimal decimalValue;
    @Cas @Column(name = "bool_value") public boolean boolValue;
    @Cas @Enumerated(EnumType.ORDINAL) @Column(name = "ordinal_color") public Color ordinalColor;
    @Cas @Enumerated(EnumType.STRING) @Column(name = "string_color") public Color stringColor;
    @Cas @Column(name = "instant_value") public Instant instantValue;
    @Cas @Column(name = "local_date_time") public LocalDateTime localDateTime;
    @Cas @Column(name = "offset_date_time") public OffsetDateTime offsetDateTime;
    @Cas @Column(name = "local_date") public LocalDate localDate;
    @Cas @Column(name = "uuid_value") public UUID uuidValue;
    @Cas @Convert(converter = MoneyConverter.class) @Column(name = "money") public Money money;
    @Cas @Embedded public Address address;
    @Cas @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "customer_id") public Customer customer;

    protected Kinds() {
    }

    public Kinds(Long id) {
        this.id = id;
    }
}

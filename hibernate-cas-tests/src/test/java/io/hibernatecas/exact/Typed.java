package io.hibernatecas.exact;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;

import io.hibernatecas.Cas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One guarded attribute per type whose comparison needs care on some database (the kinds of
 * {@code io.hibernatecas.core.Kinds} need none); columns named after the attribute.
 */
@Entity
@Table(name = "typed")
public class Typed {

    @Id
    public Long id;

    @Version
    public int version;

    public String note;

    @Cas @Column(name = "float_value") public float floatValue;
    @Cas @Column(name = "double_value") public double doubleValue;
    @Cas @Column(name = "decimal_value", precision = 10, scale = 2) public BigDecimal decimalValue;
    @Cas @Column(name = "big_integer") public BigInteger bigInteger;
    @Cas @Column(name = "char_value") public Character charValue;
    @Cas @Column(name = "bytes") public byte[] bytes;
    @Cas @Column(name = "zoned") public ZonedDateTime zoned;
    @Cas @Column(name = "local_time") public LocalTime localTime;
    @Cas @Column(name = "duration") public Duration duration;
    @Cas @Column(name = "numbers") public Integer[] numbers;
    @Cas @JdbcTypeCode(SqlTypes.JSON) @Column(name = "document") public Map<String, Object> document;
    @Cas @JdbcTypeCode(SqlTypes.JSON) @Column(name = "plain_json", columnDefinition = "json")
    public Map<String, Object> plainJson;

    protected Typed() {
    }

    public Typed(Long id) {
        this.id = id;
    }
}

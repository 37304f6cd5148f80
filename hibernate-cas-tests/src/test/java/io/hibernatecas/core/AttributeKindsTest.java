package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.assertj.core.api.SoftAssertions;

/**
 * Every supported attribute kind as a guard: a change of its column by plain SQL (no version bump) makes the next
 * Hibernate update fail naming exactly that attribute, and an unchanged column never causes a false conflict,
 * including temporal values persisted with nanoseconds.
 */
class AttributeKindsTest {

    private static final Instant INSTANT = Instant.parse("2024-05-06T07:08:09.123456789Z");
    private static final LocalDateTime LOCAL_DATE_TIME = LocalDateTime.parse("2024-05-06T07:08:09.987654321");
    private static final OffsetDateTime OFFSET_DATE_TIME = OffsetDateTime.parse("2024-05-06T07:08:09.555555555Z");

    record Case(String attribute, String sql, Object parameter) {
    }

    private static final List<Case> CASES = List.of(
            new Case("text", "update kinds set text = ? where id = 1", "changed"),
            new Case("intValue", "update kinds set int_value = ? where id = 1", 99),
            new Case("longValue", "update kinds set long_value = ? where id = 1", 99L),
            new Case("shortValue", "update kinds set short_value = ? where id = 1", (short) 9),
            new Case("byteValue", "update kinds set byte_value = ? where id = 1", (byte) 9),
            new Case("doubleValue", "update kinds set double_value = ? where id = 1", 9.5d),
            new Case("floatValue", "update kinds set float_value = ? where id = 1", 9.5f),
            new Case("decimalValue", "update kinds set decimal_value = ? where id = 1", new BigDecimal("9.99")),
            new Case("boolValue", "update kinds set bool_value = ? where id = 1", false),
            new Case("ordinalColor", "update kinds set ordinal_color = ? where id = 1", 2),
            new Case("stringColor", "update kinds set string_color = ? where id = 1", "BLUE"),
            new Case("instantValue", "update kinds set instant_value = ? where id = 1",
                    OffsetDateTime.parse("2001-01-01T00:00:00Z")),
            new Case("localDateTime", "update kinds set local_date_time = ? where id = 1",
                    Timestamp.valueOf("2001-01-01 00:00:00")),
            new Case("offsetDateTime", "update kinds set offset_date_time = ? where id = 1",
                    OffsetDateTime.parse("2001-01-01T00:00:00Z")),
            new Case("localDate", "update kinds set local_date = ? where id = 1", java.sql.Date.valueOf("2001-01-01")),
            new Case("uuidValue", "update kinds set uuid_value = ? where id = 1",
                    UUID.fromString("00000000-0000-0000-0000-000000000002")),
            new Case("money", "update kinds set money = ? where id = 1", 777L),
            new Case("address", "update kinds set city = ? where id = 1", "Elsewhere"),
            new Case("customer", "update kinds set customer_id = ? where id = 1", 2L));

    private static Kinds sample() {
        Kinds k = new Kinds(1L);
        k.text = "text";
        k.intValue = 1;
        k.longValue = 2L;
        k.shortValue = 3;
        k.byteValue = 4;
        k.doubleValue = 5.25d;
        k.floatValue = 6.5f;
        k.decimalValue = new BigDecimal("7.70");
        k.boolValue = true;
        k.ordinalColor = Color.RED;
        k.stringColor = Color.GREEN;
        k.instantValue = INSTANT;
        k.localDateTime = LOCAL_DATE_TIME;
        k.offsetDateTime = OFFSET_DATE_TIME;
        k.localDate = LocalDate.of(2024, 5, 6);
        k.uuidValue = UUID.fromString("00000000-0000-0000-0000-000000000001");
        k.money = new Money(12_345);
        k.address = new Address("Main St 1", "Springfield");
        return k;
    }

    private static HibernateFixture fixture(TestDatabase db) {
        return HibernateTestFactory.forDatabase(db).entities(Kinds.class, Customer.class).build();
    }

    private static void persistSample(HibernateFixture h) {
        h.inTransaction(s -> {
            Customer first = new Customer(1L, "first");
            s.persist(first);
            s.persist(new Customer(2L, "second"));
            Kinds k = sample();
            k.customer = first;
            s.persist(k);
        });
    }

    @AllDatabases
    void everyGuardedColumnIsInTheStatement(TestDatabase db) {
        HibernateFixture h = fixture(db);
        persistSample(h);
        h.sql().clear();

        h.inTransaction(s -> s.find(Kinds.class, 1L).other = "x");

        String where = SqlCapture.normalize(h.sql().updates().get(0)).replaceAll(".* where ", "");
        assertThat(where).isEqualTo("id=? and " + ExactSql.text(db.kind(), "city") + " and "
                + ExactSql.text(db.kind(), "street") + " and bool_value=? and byte_value=? "
                + "and customer_id=? and decimal_value=? and double_value=? and " + floatValue(db) + " and instant_value=? "
                + "and int_value=? and local_date=? and local_date_time=? and long_value=? and money=? "
                + "and offset_date_time=? and ordinal_color=? and short_value=? and " + ExactSql.enumText(db.kind(), "string_color") + " and "
                + ExactSql.text(db.kind(), "text") + " "
                + "and uuid_value=? and version=?");
    }

    /** A {@code float} column: MariaDB's single-precision {@code FLOAT} is compared in single precision. */
    private static String floatValue(TestDatabase db) {
        return db.kind() == DatabaseKind.MARIADB ? "float_value=cast(? as float)" : "float_value=?";
    }

    @AllDatabases
    void noFalseConflictFromTemporalPrecisionInTheSameSessionOrAfterAReload(TestDatabase db) {
        HibernateFixture h = fixture(db);
        h.inTransaction(s -> {
            Customer customer = new Customer(1L, "first");
            s.persist(customer);
            Kinds k = sample();
            k.customer = customer;
            s.persist(k);
            s.flush();
            k.other = "same session";
            s.flush();
            k.other = "same session, twice";
        });
        h.inTransaction(s -> s.find(Kinds.class, 1L).other = "after reload");

        assertThat(db.queryForLong("select version from kinds where id = 1")).isEqualTo(3);
    }

    @AllDatabases
    void aChangeOfAnyGuardedColumnByPlainSqlIsAConflictNamingIt(TestDatabase db) {
        SoftAssertions softly = new SoftAssertions();
        for (Case c : CASES) {
            HibernateFixture h = fixture(db);
            persistSample(h);
            Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
                Kinds k = s.find(Kinds.class, 1L);
                assertThat(db.execute(c.sql(), c.parameter())).isEqualTo(1);
                k.other = "mine";
            }));
            softly.assertThat(thrown).as(c.attribute()).isExactlyInstanceOf(FieldConflictException.class);
            if (thrown instanceof FieldConflictException conflict) {
                softly.assertThat(conflict.getChangedAttributes()).as(c.attribute()).containsExactly(c.attribute());
                softly.assertThat(conflict.getActualValue(c.attribute())).as(c.attribute())
                        .isNotEqualTo(conflict.getExpectedValue(c.attribute()));
            }
            h.close();
        }
        softly.assertAll();
    }

    @AllDatabases
    void reportedValuesAreDomainValuesForOneColumnAndColumnListsForEmbeddables(TestDatabase db) {
        HibernateFixture h = fixture(db);
        persistSample(h);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Kinds k = s.find(Kinds.class, 1L);
            db.execute("update kinds set money = 1, city = 'Elsewhere', string_color = 'BLUE', customer_id = 2 "
                    + "where id = 1");
            k.other = "mine";
        }));

        FieldConflictException conflict = (FieldConflictException) thrown;
        assertThat(conflict.getChangedAttributes()).containsExactly("address", "customer", "money", "stringColor");
        assertThat(conflict.getExpectedValue("money")).isEqualTo(new Money(12_345));
        assertThat(conflict.getActualValue("money")).isEqualTo(new Money(1));
        assertThat(conflict.getExpectedValue("stringColor")).isEqualTo(Color.GREEN);
        assertThat(conflict.getActualValue("stringColor")).isEqualTo(Color.BLUE);
        assertThat(conflict.getExpectedValue("customer")).isEqualTo(1L);
        assertThat(conflict.getActualValue("customer")).isEqualTo(2L);
        assertThat(conflict.getExpectedValue("address")).isEqualTo(List.of("Springfield", "Main St 1"));
        assertThat(conflict.getActualValue("address")).isEqualTo(List.of("Elsewhere", "Main St 1"));
        assertThat(conflict.getMessage()).isEqualTo("Concurrent update of [io.hibernatecas.core.Kinds#1]: "
                + "@Cas attributes 'address', 'customer', 'money', 'stringColor' were changed by another transaction");
    }

    static {
        // keep the JVM zone out of the picture for OffsetDateTime comparisons
        assertThat(ZoneOffset.UTC).isNotNull();
    }
}

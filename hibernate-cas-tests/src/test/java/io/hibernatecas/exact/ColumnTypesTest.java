package io.hibernatecas.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.CasConflictException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.assertj.core.api.SoftAssertions;
import org.hibernate.Session;

/**
 * The type x database table of docs/guide.md: for every type here, on every database, an update of an untouched row
 * succeeds (no false conflict), a concurrent change of the guarded column alone (a bulk update that leaves the
 * version as it is) is a {@link FieldConflictException} naming the attribute, and the statement compares the column
 * in the form {@code ExactComparison} gives. A type a database cannot compare exactly fails the bootstrap instead.
 */
class ColumnTypesTest {

    record Case(String attribute, Object changed) {
    }

    private static final List<Case> CASES = List.of(
            new Case("floatValue", 0.2f),
            new Case("doubleValue", 0.2d),
            new Case("decimalValue", new BigDecimal("1.24")),
            new Case("bigInteger", new BigInteger("123456789012345678901234567891")),
            new Case("charValue", 'A'),
            new Case("bytes", new byte[] {1, 2, 4}),
            new Case("zoned", ZonedDateTime.parse("2024-05-06T07:08:09.123456Z[UTC]").plusSeconds(1)),
            new Case("localTime", LocalTime.parse("07:08:10")),
            new Case("duration", Duration.ofSeconds(91)),
            new Case("numbers", new Integer[] {1, 2, 4}),
            new Case("document", Map.of("a", 2)),
            new Case("plainJson", Map.of("a", 2)));

    /** The WHERE clause of an update of {@code typed}, per database. */
    private static final Map<DatabaseKind, String> WHERE = Map.of(
            DatabaseKind.H2, "id=? and big_integer=? and bytes=? and char_value=? and decimal_value=? "
                    + "and document=? and double_value=? and duration=? and float_value=? and local_time=? "
                    + "and numbers=? and plain_json=? and zoned=? and version=?",
            DatabaseKind.POSTGRESQL, "id=? and big_integer=? and bytes=? "
                    + "and char_value=cast(? as varchar) collate \"c\" and decimal_value=? "
                    + "and cast(document as jsonb)=cast(? as jsonb) and double_value=? and duration=? and float_value=? "
                    + "and local_time=? and numbers=? and cast(plain_json as jsonb)=cast(? as jsonb) and zoned=? "
                    + "and version=?",
            DatabaseKind.MARIADB, "id=? and big_integer=? and bytes=? "
                    + "and char_value=convert(? using utf8mb4) collate utf8mb4_bin and decimal_value=? "
                    + "and document=json_extract(?,'$') and double_value=? and duration=? "
                    + "and float_value=cast(? as float) and local_time=? and numbers=json_extract(?,'$') "
                    + "and plain_json=json_extract(?,'$') and zoned=? and version=?");

    static Typed sample(long id) {
        Typed t = new Typed(id);
        t.floatValue = 0.1f;
        t.doubleValue = 0.1d;
        t.decimalValue = new BigDecimal("1.23");
        t.bigInteger = new BigInteger("123456789012345678901234567890");
        t.charValue = 'a';
        t.bytes = new byte[] {1, 2, 3};
        t.zoned = ZonedDateTime.parse("2024-05-06T07:08:09.123456Z[UTC]");
        t.localTime = LocalTime.parse("07:08:09");
        t.duration = Duration.ofSeconds(90);
        t.numbers = new Integer[] {1, 2, 3};
        t.document = Map.of("a", 1);
        t.plainJson = Map.of("a", 1);
        return t;
    }

    static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static HibernateFixture fixture(TestDatabase db, Class<?>... entities) {
        return HibernateTestFactory.forDatabase(db).entities(entities).build();
    }

    @AllDatabases
    void untouchedRowsUpdateAndEveryConcurrentChangeIsAConflictNamingIt(TestDatabase db) {
        HibernateFixture h = fixture(db, Typed.class);
        SoftAssertions softly = new SoftAssertions();
        long id = 0;
        for (Case c : CASES) {
            long row = ++id;
            h.inTransaction(s -> s.persist(sample(row)));
            h.sql().clear();

            Throwable untouched = catchThrowable(() -> h.inTransaction(s -> s.find(Typed.class, row).note = "mine"));
            softly.assertThat(untouched).as(c.attribute() + ": untouched row").isNull();
            softly.assertThat(db.queryForLong("select version from typed where id = ?", row))
                    .as(c.attribute() + ": updated").isEqualTo(1);

            Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
                Typed typed = s.find(Typed.class, row);
                h.inTransaction(other -> other.createMutationQuery("update Typed set " + c.attribute()
                        + " = :value where id = :id").setParameter("value", c.changed()).setParameter("id", row)
                        .executeUpdate());
                typed.note = "stale";
            }));
            softly.assertThat(thrown).as(c.attribute() + ": concurrent change")
                    .isExactlyInstanceOf(FieldConflictException.class);
            if (thrown instanceof FieldConflictException conflict) {
                softly.assertThat(conflict.getChangedAttributes()).as(c.attribute()).containsExactly(c.attribute());
            }
            softly.assertThat(db.queryForLong("select count(*) from typed where id = ? and note = 'stale'", row))
                    .as(c.attribute() + ": nothing overwritten").isZero();
        }
        softly.assertAll();
    }

    @AllDatabases
    void everyColumnIsComparedInItsExactForm(TestDatabase db) {
        HibernateFixture h = fixture(db, Typed.class);
        h.inTransaction(s -> s.persist(sample(1L)));
        h.sql().clear();

        h.inTransaction(s -> s.find(Typed.class, 1L).note = "mine");

        assertThat(SqlCapture.normalize(h.sql().updates().get(0)).replaceAll(".* where ", ""))
                .isEqualTo(WHERE.get(db.kind()));
    }

    @AllDatabases
    void valuesFinerThanTheirColumnAreComparedAsStoredWhenEditedTwiceInOneTransaction(TestDatabase db) {
        HibernateFixture h = fixture(db, Typed.class);
        h.inTransaction(s -> {
            Typed typed = sample(1L);
            typed.decimalValue = new BigDecimal("1.235");
            typed.floatValue = 0.3f;
            typed.zoned = ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_789, ZoneId.of("UTC"));
            s.persist(typed);
            s.flush();
            typed.note = "first";
            s.flush();
            typed.note = "second";
        });
        h.inTransaction(s -> s.find(Typed.class, 1L).note = "after reload");

        assertThat(db.queryForLong("select version from typed where id = 1")).isEqualTo(3);
        BigDecimal stored = h.fromTransaction(s -> s.find(Typed.class, 1L).decimalValue);
        assertThat(stored).isEqualByComparingTo("1.24");
    }

    @AllDatabases
    void aZonedValueReadBackWithAnotherZoneIsNotReportedAsChanged(TestDatabase db) {
        HibernateFixture h = fixture(db, Typed.class);
        Throwable thrown;
        try (Session session = h.sessionFactory().openSession()) {
            Typed typed = sample(1L);
            typed.zoned = ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneId.of("Europe/Paris"));
            session.beginTransaction();
            session.persist(typed);
            session.getTransaction().commit();
            session.beginTransaction();
            h.inTransaction(other -> other.createMutationQuery("update Typed set doubleValue = 0.5 where id = 1")
                    .executeUpdate());
            typed.note = "stale";
            thrown = catchThrowable(() -> session.getTransaction().commit());
        }

        CasConflictException conflict = CasConflictException.findIn(thrown).orElseThrow();
        assertThat(conflict).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(conflict.getChangedAttributes()).containsExactly("doubleValue");
    }

    @AllDatabases
    void largeObjectsAreComparedByValueOrRefusedAtBootstrap(TestDatabase db) {
        if (db.kind() == DatabaseKind.POSTGRESQL) {
            assertThat(rootCause(catchThrowable(() -> fixture(db, LobText.class))))
                    .isExactlyInstanceOf(CasConfigurationException.class)
                    .hasMessage("Attribute 'io.hibernatecas.exact.LobText.body' is annotated @Cas but its column "
                            + "'body' (oid on PostgreSQL) cannot be compared exactly: PostgreSQL keeps a @Lob as a "
                            + "reference to a large object, and Hibernate writes a new large object on every update, "
                            + "so the guard would compare references, not contents, and never match; map it without "
                            + "@Lob (text or bytea are compared by value), or guard the entity with @Version");
            assertThat(rootCause(catchThrowable(() -> fixture(db, LobBytes.class))))
                    .isExactlyInstanceOf(CasConfigurationException.class)
                    .hasMessageStartingWith("Attribute 'io.hibernatecas.exact.LobBytes.data' is annotated @Cas but "
                            + "its column 'data' (oid on PostgreSQL) cannot be compared exactly: PostgreSQL keeps a "
                            + "@Lob as a reference to a large object");
            return;
        }
        HibernateFixture h = fixture(db, LobText.class, LobBytes.class);
        h.inTransaction(s -> {
            s.persist(new LobText(1L, "abc"));
            s.persist(new LobBytes(1L, new byte[] {1, 2, 3}));
        });
        h.inTransaction(s -> {
            s.find(LobText.class, 1L).note = "untouched";
            s.find(LobBytes.class, 1L).note = "untouched";
        });

        Throwable text = catchThrowable(() -> h.inTransaction(s -> {
            LobText lob = s.find(LobText.class, 1L);
            db.execute("update lob_text set body = 'ABC' where id = 1");
            lob.note = "stale";
        }));
        Throwable bytes = catchThrowable(() -> h.inTransaction(s -> {
            LobBytes lob = s.find(LobBytes.class, 1L);
            db.execute("update lob_bytes set data = ? where id = 1", (Object) new byte[] {1, 2, 4});
            lob.note = "stale";
        }));

        assertThat(text).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(bytes).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(db.queryForLong("select version from lob_text where id = 1")).isEqualTo(1);
        assertThat(db.queryForLong("select version from lob_bytes where id = 1")).isEqualTo(1);
    }

    /**
     * A database without a known exact string comparison: played by H2 behind Hibernate's HSQLDB dialect (the refusal
     * comes while the persisters are built, before any SQL). Only H2 can stand in without a server of its own.
     */
    @AllDatabases(DatabaseKind.H2)
    void characterGuardsAreRefusedOnOtherDatabases(TestDatabase db) {
        Throwable thrown = catchThrowable(() -> HibernateTestFactory.forDatabase(db).entities(Person.class)
                .setting("hibernate.dialect", "org.hibernate.dialect.HSQLDialect").build());

        // the column type is Hibernate's rendering: varchar(255) on 7.4, clob on 7.2 (HSQLDialect on an H2 connection)
        assertThat(rootCause(thrown)).isExactlyInstanceOf(CasConfigurationException.class)
                .hasMessageMatching("\\QAttribute 'io.hibernatecas.exact.Person.name' is annotated @Cas but its column "
                        + "'name' (\\E(varchar\\(255\\)|clob)\\Q on HSQLDialect) cannot be compared exactly: "
                        + "hibernate-cas knows no case-, accent- and space-exact string comparison for HSQLDialect, "
                        + "and the column's collation may call different strings equal; guard the entity with "
                        + "@Version instead (exact string guards exist for H2, PostgreSQL, MariaDB and MySQL)\\E");
    }

    @AllDatabases
    void xmlIsComparedByValueOrRefusedAtBootstrap(TestDatabase db) {
        if (db.kind() == DatabaseKind.POSTGRESQL) {
            assertThat(rootCause(catchThrowable(() -> fixture(db, XmlText.class))))
                    .isExactlyInstanceOf(CasConfigurationException.class)
                    .hasMessage("Attribute 'io.hibernatecas.exact.XmlText.body' is annotated @Cas but its column "
                            + "'body' (xml on PostgreSQL) cannot be compared exactly: PostgreSQL has no equality "
                            + "operator for xml; map it as text, or guard the entity with @Version");
            return;
        }
        HibernateFixture h = fixture(db, XmlText.class);
        h.inTransaction(s -> s.persist(new XmlText(1L, "<a>b</a>")));
        h.inTransaction(s -> s.find(XmlText.class, 1L).note = "untouched");

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            XmlText xml = s.find(XmlText.class, 1L);
            db.execute("update xml_text set body = '<a>B</a>' where id = 1");
            xml.note = "stale";
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(db.queryForLong("select count(*) from xml_text where version = 1 and note = 'untouched'"))
                .isEqualTo(1);
    }
}

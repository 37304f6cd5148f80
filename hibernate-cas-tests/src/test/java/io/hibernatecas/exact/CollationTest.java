package io.hibernatecas.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import io.hibernatecas.CasOperations;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.SqlKind;
import io.hibernatecas.testing.TestDatabase;

import org.assertj.core.api.SoftAssertions;

/**
 * A {@code @Cas String} guard compares exactly, as Java's {@code equals} does, whatever the column's collation: a
 * concurrent change of case, accents or trailing spaces is a conflict (and {@code false} from
 * {@code compareAndSet}), also where the column's own {@code =} calls the two strings equal. The column is
 * re-declared after Hibernate created it, with each database's insensitive types and collations, for every
 * character set and string type the database has.
 */
class CollationTest {

    /** H2's {@code SET IGNORECASE TRUE}: a {@code varchar} declared afterwards ignores case. */
    private static final String IGNORECASE = "varchar(255) after set ignorecase true";

    /**
     * Column declarations whose {@code =} ignores case (and, where the collation does, accents and trailing spaces).
     * {@code citext} ignores case when compared with {@code citext} or an untyped literal; PgJDBC binds a
     * {@code String} as {@code varchar}, which makes {@code citext = ?} compare as text, but a driver sending
     * untyped strings ({@code stringtype=unspecified}) would not.
     */
    private static final Map<DatabaseKind, List<String>> COLUMNS = Map.of(
            DatabaseKind.H2, List.of("varchar_ignorecase(255)", IGNORECASE),
            DatabaseKind.POSTGRESQL, List.of("citext", "varchar(255) collate insensitive", "text collate insensitive"),
            DatabaseKind.MARIADB, List.of(
                    "varchar(255) character set utf8mb4 collate utf8mb4_general_ci",
                    "varchar(255) character set utf8mb4 collate utf8mb4_unicode_ci",
                    "varchar(255) character set latin1 collate latin1_swedish_ci",
                    "text character set utf8mb4 collate utf8mb4_general_ci",
                    "text character set latin1 collate latin1_swedish_ci",
                    "char(20) character set utf8mb4 collate utf8mb4_general_ci",
                    "char(20) character set latin1 collate latin1_swedish_ci"));

    /** What another transaction writes, and the value this one loaded. */
    record Change(String loaded, String written) {
    }

    private static final List<Change> CHANGES = List.of(
            new Change("abc", "ABC"), new Change("Rene", "René"), new Change("abc", "abc "));

    private static final Map<DatabaseKind, String> GUARD = Map.of(
            DatabaseKind.H2, "cast(name as varbinary)=cast(? as varbinary)",
            DatabaseKind.POSTGRESQL, "name=cast(? as varchar) collate \"c\"",
            DatabaseKind.MARIADB, "name=convert(? using utf8mb4) collate utf8mb4_nopad_bin");

    private static HibernateFixture fixture(TestDatabase db, String column) {
        return redeclare(HibernateTestFactory.forDatabase(db).entities(Person.class).build(), db, column);
    }

    /** Re-declares column {@code person.name} of {@code h}'s freshly created schema as {@code column}. */
    private static HibernateFixture redeclare(HibernateFixture h, TestDatabase db, String column) {
        switch (db.kind()) {
            case H2 -> {
                if (column.equals(IGNORECASE)) {
                    db.execute("set ignorecase true");
                }
                db.execute("alter table person alter column name set data type "
                        + column.replace(" after set ignorecase true", ""));
            }
            case POSTGRESQL -> {
                db.execute("create extension if not exists citext");
                db.execute("create collation if not exists insensitive "
                        + "(provider = icu, locale = 'und-u-ks-level1', deterministic = false)");
                db.execute("alter table person alter column name type " + column);
            }
            case MARIADB -> db.execute("alter table person modify name " + column);
        }
        return h;
    }

    /** Whether the column can hold {@code written} apart from {@code loaded} (a CHAR column drops trailing spaces). */
    private static boolean distinguishable(String column, Change change) {
        return !(column.startsWith("char") && change.written().equals(change.loaded() + " "));
    }

    /** One case: a fresh row {@code row} of fixture {@code h}, for {@code change} on one column declaration. */
    private interface CaseBody {
        void run(HibernateFixture h, long row, Change change, String label, SoftAssertions softly);
    }

    /** Runs {@code body} for every column declaration of the database and every change that column can hold. */
    private static void forEveryColumnAndChange(TestDatabase db, CaseBody body) {
        SoftAssertions softly = new SoftAssertions();
        for (String column : COLUMNS.get(db.kind())) {
            HibernateFixture h = fixture(db, column);
            long row = 0;
            for (Change change : CHANGES) {
                if (distinguishable(column, change)) {
                    body.run(h, ++row, change, column + ": '" + change.loaded() + "' -> '" + change.written() + "'",
                            softly);
                }
            }
            h.close();
        }
        softly.assertAll();
    }

    @AllDatabases
    void theFlushGuardComparesExactlyWhateverTheCollation(TestDatabase db) {
        forEveryColumnAndChange(db, (h, row, change, label, softly) -> {
            h.inTransaction(s -> s.persist(new Person(row, change.loaded())));
            if (change == CHANGES.get(0) && !label.startsWith("citext")) {
                softly.assertThat(db.queryForLong("select count(*) from person where id = ? and name = ?", row,
                        change.written())).as(label + " (the column's own = calls them equal)").isEqualTo(1);
            }
            h.sql().clear();

            h.inTransaction(s -> s.find(Person.class, row).note = "untouched row");
            softly.assertThat(SqlCapture.normalize(h.sql().updates().get(0))).as(label)
                    .endsWith("where id=? and " + GUARD.get(db.kind()) + " and version=?");

            Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
                Person person = s.find(Person.class, row);
                db.execute("update person set name = ? where id = ?", change.written(), row);
                person.note = "stale";
            }));
            softly.assertThat(thrown).as(label).isExactlyInstanceOf(FieldConflictException.class);
            softly.assertThat(db.queryForLong("select count(*) from person where id = ? and note = 'stale'", row))
                    .as(label + ": nothing overwritten").isZero();
        });
    }

    @AllDatabases
    void aChangeThatTheCollationIgnoresIsAFieldConflictWithoutVersionBump(TestDatabase db) {
        HibernateFixture h = fixture(db, COLUMNS.get(db.kind()).get(0));
        h.inTransaction(s -> s.persist(new Person(1L, "abc")));

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Person person = s.find(Person.class, 1L);
            db.execute("update person set name = 'ABC' where id = 1");
            person.note = "stale";
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        FieldConflictException conflict = (FieldConflictException) thrown;
        assertThat(conflict.getChangedAttributes()).containsExactly("name");
        assertThat(conflict.getExpectedValue("name")).isEqualTo("abc");
        assertThat(conflict.getActualValue("name")).isEqualTo("ABC");
        assertThat(db.queryForLong("select count(*) from person where note is null and version = 0")).isEqualTo(1);
    }

    @AllDatabases
    void compareAndSetAndUpdateCompareExactly(TestDatabase db) {
        forEveryColumnAndChange(db, (h, row, change, label, softly) -> {
            h.inTransaction(s -> s.persist(new Person(row, change.written())));
            h.sql().clear();

            boolean set = h.fromTransaction(s -> CasOperations.compareAndSet(s, Person.class, row, "name",
                    change.loaded(), "mine"));
            softly.assertThat(set).as(label + ": compareAndSet").isFalse();
            softly.assertThat(SqlCapture.normalize(h.sql().updates().get(0))).as(label)
                    .endsWith("where id=? and " + GUARD.get(db.kind()));

            boolean updated = h.fromTransaction(s -> {
                Person person = s.find(Person.class, row);
                db.execute("update person set name = ? where id = ?", change.loaded(), row);
                return CasOperations.update(s, person, p -> p.name = "mine");
        });
        softly.assertThat(updated).as(label + ": update").isFalse();
        softly.assertThat(db.queryForLong("select count(*) from person where id = ? and name = 'mine'", row))
                .as(label + ": nothing overwritten").isZero();

        boolean stored = h.fromTransaction(s -> CasOperations.compareAndSet(s, Person.class, row, "name",
                change.loaded(), "mine"));
        softly.assertThat(stored).as(label + ": compareAndSet of the stored value").isTrue();
        });
    }

    @AllDatabases(DatabaseKind.POSTGRESQL)
    void citextStaysExactWhenTheDriverSendsUntypedStrings(TestDatabase db) {
        HibernateFixture h = redeclare(HibernateTestFactory.forDatabase(db).entities(Person.class)
                .urlParameters("stringtype=unspecified").build(), db, "citext");
        h.inTransaction(s -> s.persist(new Person(1L, "abc")));
        h.inTransaction(s -> assertThat(s.createNativeQuery("select count(*) from person where name = ?", Long.class)
                .setParameter(1, "ABC").getSingleResult()).as("citext = untyped string ignores case").isEqualTo(1L));

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Person person = s.find(Person.class, 1L);
            db.execute("update person set name = 'ABC' where id = 1");
            person.note = "stale";
        }));
        boolean set = h.fromTransaction(s -> CasOperations.compareAndSet(s, Person.class, 1L, "name", "abc", "mine"));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(set).isFalse();
        assertThat(db.queryForLong("select count(*) from person where name = 'ABC' and note is null")).isEqualTo(1);
    }

    @AllDatabases
    void exactGuardsKeepTheStatementBatchable(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Person.class)
                .setting("hibernate.jdbc.batch_size", 20).build();
        h.inTransaction(s -> {
            for (long id = 1; id <= 10; id++) {
                s.persist(new Person(id, "name " + id));
            }
        });
        h.resetCounters();
        h.inTransaction(s -> s.createQuery("from Person", Person.class).getResultList()
                .forEach(person -> person.note = "batched"));

        assertThat(h.sql().updates()).hasSize(1).allSatisfy(sql -> assertThat(SqlCapture.normalize(sql))
                .endsWith("where id=? and " + GUARD.get(db.kind()) + " and version=?"));
        assertThat(h.jdbc().executeBatchCalls()).isEqualTo(1);
        assertThat(h.jdbc().batchSizes()).containsExactly(10);
        assertThat(h.jdbc().rowCount(SqlKind.UPDATE)).isEqualTo(10);
        assertThat(db.queryForLong("select count(*) from person where note = 'batched' and version = 1"))
                .isEqualTo(10);
    }
}

package io.hibernatecas.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.Race;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.SqlKind;
import io.hibernatecas.testing.TestDatabase;

class FindOrCreateTest {

    private static final int CALLERS = 16;

    @AllDatabases
    void createsTheRowOnceAndReturnsItManaged(TestDatabase db, DatabaseKind kind) {
        HibernateFixture h = OperationsFixture.on(db);
        AtomicInteger factoryCalls = new AtomicInteger();

        h.inTransaction(s -> {
            Tag created = CasOperations.findOrCreate(s, Tag.class, "name", "java", () -> {
                factoryCalls.incrementAndGet();
                return new Tag(null, "blue");
            });
            assertThat(s.contains(created)).isTrue();
            assertThat(created.getId()).isNotNull();
            assertThat(created.getName()).isEqualTo("java");
            assertThat(created.getColor()).isEqualTo("blue");
            created.setColor("green");                                 // managed: flushed at commit
        });
        String insert = SqlCapture.normalize(h.sql().inserts().isEmpty()
                ? h.sql().of(SqlKind.MERGE).get(0) : h.sql().inserts().get(0));
        h.resetCounters();

        Tag found = h.fromTransaction(s -> CasOperations.findOrCreate(s, Tag.class, "name", "java", () -> {
            factoryCalls.incrementAndGet();
            return new Tag(null, "red");
        }));

        assertThat(found.getColor()).isEqualTo("green");
        assertThat(factoryCalls).hasValue(1);
        assertThat(h.sql().selects()).hasSize(2).first().satisfies(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("select id from tag where name=?"));
        assertThat(h.jdbc().executionCount()).as(h.jdbc().toString()).isEqualTo(2);
        assertThat(insert).isEqualTo(switch (kind) {
            case POSTGRESQL -> "insert into tag (id,color,name,version) values (?,?,?,?) on conflict (name) do nothing";
            case MARIADB -> "insert into tag (id,color,name,version) values (?,?,?,?) on duplicate key update name=name";
            case H2 -> "merge into tag as target_ using (select 1) as source_ on target_.name=? when not matched "
                    + "then insert (id,color,name,version) values (?,?,?,?)";
        });
        assertThat(db.queryForLong("select count(*) from tag")).isEqualTo(1);
    }

    @AllDatabases
    void sixteenConcurrentCallersGetOneRowAndKeepTheirTransactions(TestDatabase db) throws Exception {
        HibernateFixture h = OperationsFixture.on(db);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> callers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                callers.add(pool.submit(() -> {
                    start.await();
                    h.inTransaction(s -> {
                        Tag tag = CasOperations.findOrCreate(s, Tag.class, "name", "race",
                                () -> new Tag(null, "caller " + caller));
                        ids.add(tag.getId());
                        s.persist(new Note("caller " + caller));      // the transaction is still usable
                    });
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(1);
        assertThat(db.queryForLong("select count(*) from tag where name = 'race'")).isEqualTo(1);
        assertThat(db.queryForLong("select id from tag where name = 'race'")).isEqualTo(ids.iterator().next());
        assertThat(db.queryForLong("select count(*) from note")).isEqualTo(CALLERS);
    }

    @AllDatabases
    void rowCommittedBetweenLookupAndInsertIsReturnedWithoutError(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        Race.Result<Long, Long> race = Race.interleave(
                pause -> h.fromTransaction(s -> {
                    Tag tag = CasOperations.findOrCreate(s, Tag.class, "name", "go", () -> {
                        pause.pause();                                 // the lookup missed; the other commits now
                        return new Tag(null, "first");
                    });
                    s.persist(new Note("first"));
                    return tag.getId();
                }),
                () -> Concurrently.fromTransaction(h.sessionFactory(), s -> CasOperations.findOrCreate(s, Tag.class,
                        "name", "go", () -> new Tag(null, "second")).getId()));

        assertThat(race.first().get()).isEqualTo(race.second().get());
        assertThat(db.queryForLong("select count(*) from tag where name = 'go' and color = 'second'")).isEqualTo(1);
        assertThat(db.queryForLong("select count(*) from note")).isEqualTo(1);
    }

    @AllDatabases
    void insertWaitingForAnUncommittedDuplicateReturnsTheOtherRow(TestDatabase db) throws Exception {
        HibernateFixture h = OperationsFixture.on(db);
        CountDownLatch inserted = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();

        Future<Long> first = other.submit(() -> h.fromTransaction(s -> {
            Long id = CasOperations.findOrCreate(s, Tag.class, "name", "rust", () -> new Tag(null, "first")).getId();
            inserted.countDown();
            sleep(300);                                                // the other insert waits for this commit
            return id;
        }));
        inserted.await(30, TimeUnit.SECONDS);
        Long second = h.fromTransaction(s -> {
            Long id = CasOperations.findOrCreate(s, Tag.class, "name", "rust", () -> new Tag(null, "second")).getId();
            s.persist(new Note("second"));
            return id;
        });

        assertThat(second).isEqualTo(first.get(30, TimeUnit.SECONDS));
        other.shutdown();
        assertThat(db.queryForLong("select count(*) from tag where name = 'rust' and color = 'first'")).isEqualTo(1);
        assertThat(db.queryForLong("select count(*) from note")).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AllDatabases
    void compositeKeyOfAUniqueConstraintWithIdentityIds(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        Map<String, Object> key = Map.of("scope", "invoice", "key", "overdue");

        Long created = h.fromTransaction(s -> CasOperations.findOrCreate(s, Label.class, key,
                () -> new Label("Overdue")).getId());
        Label found = h.fromTransaction(s -> CasOperations.findOrCreate(s, Label.class, key,
                () -> new Label("never used")));
        Label other = h.fromTransaction(s -> CasOperations.findOrCreate(s, Label.class,
                Map.of("scope", "order", "key", "overdue"), () -> new Label("Late")));

        assertThat(found.getId()).isEqualTo(created);
        assertThat(found.getText()).isEqualTo("Overdue");
        assertThat(other.getId()).isNotEqualTo(created);
        assertThat(db.queryForLong("select count(*) from label")).isEqualTo(2);
    }

    @AllDatabases
    void naturalIdWithAnAssignedId(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        UUID id = UUID.randomUUID();

        Setting created = h.fromTransaction(s -> CasOperations.findOrCreate(s, Setting.class, "name", "theme",
                () -> new Setting(id, null, "dark")));
        Setting found = h.fromTransaction(s -> CasOperations.findOrCreate(s, Setting.class, "name", "theme",
                () -> new Setting(UUID.randomUUID(), "theme", "light")));

        assertThat(created.getId()).isEqualTo(id);
        assertThat(found.getId()).isEqualTo(id);
        assertThat(found.getValue()).isEqualTo("dark");
    }

    @AllDatabases
    void pendingEntityWithTheKeyIsFlushedAndFound(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        h.inTransaction(s -> {
            Tag pending = new Tag("kotlin", "purple");
            s.persist(pending);
            Tag found = CasOperations.findOrCreate(s, Tag.class, "name", "kotlin", () -> new Tag(null, "never"));
            assertThat(found).isSameAs(pending);
        });

        assertThat(db.queryForLong("select count(*) from tag")).isEqualTo(1);
    }

    @AllDatabases
    void keyWithoutUniqueConstraintIsRefused(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        h.inTransaction(s -> assertThatThrownBy(() -> CasOperations.findOrCreate(s, Note.class, "title", "todo",
                () -> new Note("todo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot findOrCreate entity 'io.hibernatecas.operations.Note' by [title]: no unique "
                        + "constraint covers exactly its column(s) [title], so concurrent callers could create "
                        + "duplicates; declare @Column(unique = true), @NaturalId, @Table(uniqueConstraints = "
                        + "@UniqueConstraint(columnNames = ...)) or a unique @Index on exactly these columns"));
        h.inTransaction(s -> assertThatThrownBy(() -> CasOperations.findOrCreate(s, Label.class, "scope", "invoice",
                Label::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot findOrCreate entity 'io.hibernatecas.operations.Label' by [scope]: "
                        + "no unique constraint covers exactly its column(s) [scope]"));
        assertThat(h.jdbc().executionCount()).isZero();
    }

    @AllDatabases
    void nullKeyValueAndAFactoryThatContradictsTheKeyAreRefused(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        h.inTransaction(s -> {
            assertThatThrownBy(() -> CasOperations.findOrCreate(s, Tag.class, "name", null, Tag::new))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot findOrCreate by attribute 'name' of entity 'io.hibernatecas.operations.Tag': "
                            + "its value is null, which a unique constraint never matches");
            assertThatThrownBy(() -> CasOperations.findOrCreate(s, Tag.class, "name", "scala",
                    () -> new Tag("java", null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot findOrCreate by attribute 'name' of entity 'io.hibernatecas.operations.Tag': "
                            + "the factory's instance has another value than the key");
        });
        assertThat(db.queryForLong("select count(*) from tag")).isZero();
    }
}

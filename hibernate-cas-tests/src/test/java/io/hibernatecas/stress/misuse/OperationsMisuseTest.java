package io.hibernatecas.stress.misuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Session;

/**
 * Misuses of {@link CasOperations} not pinned elsewhere. Already pinned by the operations tests, and not repeated
 * here: unknown, identifier, version, collection, formula and non-updatable attribute names and names carrying SQL
 * ({@code AttributeValidationTest}, which also asserts that no statement was sent), a {@code null} or mistyped id,
 * a mistyped value, a class that is not an entity, no transaction ({@code AttributeValidationTest}), a delta that
 * does not fit or is {@code null} ({@code IncrementTest}), a {@code findOrCreate} key without a unique constraint,
 * a {@code null} key value and a factory contradicting the key ({@code FindOrCreateTest}), a detached instance
 * and a non-updatable change passed to {@code update} ({@code UpdateTest}).
 * <p>
 * Each refusal here happens before any SQL is sent, the mistyped client expectations included.
 */
class OperationsMisuseTest {

    private static final String GADGET = Gadget.class.getName();
    private static final String UPDATE_ACCEPTS = "; update accepts [code, label, name]";

    private static HibernateFixture gadgets(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Gadget.class, Unversioned.class).build();
        h.inTransaction(s -> {
            s.persist(new Gadget(1L, "gizmo", "G-1"));
            s.persist(new Unversioned(1L, 1L, "U-1"));
        });
        h.resetCounters();
        return h;
    }

    @AllDatabases
    void updateRefusesWhatItCannotWriteAndWhatIsNotManaged(TestDatabase db) {
        HibernateFixture h = gadgets(db);

        h.inTransaction(s -> {
            Gadget gadget = s.find(Gadget.class, 1L);
            h.resetCounters();
            assertRefused(() -> CasOperations.update(s, gadget, g -> g.setId(9L)),
                    "Cannot update attribute 'id' of entity '" + GADGET + "': it is the identifier" + UPDATE_ACCEPTS);
            assertThat(gadget.getId()).as("the change is undone").isEqualTo(1L);
            assertRefused(() -> CasOperations.update(s, gadget, g -> g.setVersion(9)),
                    "Cannot update attribute 'version' of entity '" + GADGET + "': it is the @Version attribute, "
                            + "which CasOperations maintains itself" + UPDATE_ACCEPTS);
            assertThat(gadget.getVersion()).isZero();
            assertRefused(() -> CasOperations.update(s, null, g -> { }), "Cannot update: the entity is null");
            assertRefused(() -> CasOperations.update(s, gadget, null), "Cannot update: the change is null");
            assertRefused(() -> CasOperations.update(null, gadget, g -> { }),
                    "Cannot update: the EntityManager is null");

            s.setReadOnly(gadget, true);
            assertRefused(() -> CasOperations.update(s, gadget, g -> g.setName("x")),
                    "Cannot update [" + GADGET + "#1]: it is read-only in this persistence context");
            s.setReadOnly(gadget, false);

            s.remove(gadget);
            // poor: the instance is managed, but scheduled for removal; merging it, as suggested, would fail
            assertRefused(() -> CasOperations.update(s, gadget, g -> g.setName("x")),
                    "Cannot update an instance of '" + GADGET + "': it is not managed by this EntityManager (find it "
                            + "first, or merge it)");
            assertThat(h.sql().statements()).as("nothing reached SQL").isEmpty();
            s.clear();
        });
        assertThat(db.queryForLong("select count(*) from misuse_gadget where name = 'gizmo' and version = 0"))
                .isEqualTo(1);
    }

    @AllDatabases
    void compareAndSetAndFindOrCreateRefuseMissingArgumentsAndUnsupportedMappings(TestDatabase db) {
        HibernateFixture h = gadgets(db);

        h.inTransaction(s -> {
            assertRefused(() -> CasOperations.compareAndSet(null, Gadget.class, 1L, "name", "gizmo", "x"),
                    "Cannot compareAndSet: the EntityManager is null");
            assertRefused(() -> CasOperations.compareAndSet(s, null, 1L, "name", "gizmo", "x"),
                    "Cannot compareAndSet: the entity class is null");
            assertRefused(() -> CasOperations.findOrCreate(s, Gadget.class, Map.of(), () -> new Gadget(2L, "x", "G-2")),
                    "Cannot findOrCreate entity '" + GADGET + "': the key is empty or names a null attribute");
            assertRefused(() -> CasOperations.findOrCreate(s, Gadget.class, "code", "G-2", null),
                    "Cannot findOrCreate entity '" + GADGET + "': the factory is null");
            assertRefused(() -> CasOperations.findOrCreate(s, Gadget.class, "label", "blue",
                    () -> new Gadget(2L, "x", "G-2")),
                    "Cannot findOrCreate entity '" + GADGET + "' by [label]: no unique constraint covers exactly its "
                            + "column(s) [label], so concurrent callers could create duplicates; declare @Column(unique "
                            + "= true), @NaturalId, @Table(uniqueConstraints = @UniqueConstraint(columnNames = ...)) or "
                            + "a unique @Index on exactly these columns");
            assertRefused(() -> CasOperations.findOrCreate(s, Unversioned.class, "code", "U-2",
                    () -> new Unversioned(1L, 2L, "U-2")),
                    "Cannot findOrCreate entity '" + Unversioned.class.getName() + "': it has a composite identifier; "
                            + "findOrCreate supports single-column identifiers");
            assertThat(h.sql().statements()).as("nothing reached SQL").isEmpty();

            // these refusals come after the lookup by key found no row
            assertRefused(() -> CasOperations.findOrCreate(s, Gadget.class, "code", "G-2", () -> null),
                    "Cannot findOrCreate entity '" + GADGET + "': the factory returned null");
            assertRefused(() -> CasOperations.findOrCreate(s, Gadget.class, "code", "G-3",
                    () -> new Gadget(null, "x", null)),
                    "Cannot findOrCreate entity '" + GADGET + "': the factory's instance has no id and the entity "
                            + "does not generate one; assign it in the factory");
            assertRefused(() -> CasOperations.findOrCreate(s, Gadget.class, "code", "G-4", () -> {
                Gadget gadget = new Gadget(4L, "x", null);
                gadget.getTags().add("red");
                return gadget;
            }), "Cannot findOrCreate entity '" + GADGET + "': the factory's instance has elements in collection "
                    + "'tags'; findOrCreate inserts the entity's own row only, add them to the entity it returns");
        });
        assertThat(db.queryForLong("select count(*) from misuse_gadget")).isEqualTo(1);
    }

    @AllDatabases
    void clientExpectationsRefuseWhatCannotBeChecked(TestDatabase db) {
        HibernateFixture h = gadgets(db);

        h.inTransaction(s -> {
            Gadget gadget = s.find(Gadget.class, 1L);
            Unversioned unversioned = s.find(Unversioned.class, new UnversionedId(1L, 1L));
            h.resetCounters();
            assertRefused(() -> CasOperations.expectVersion(s, new Gadget(1L, "gizmo", "G-1"), 0),
                    "Cannot expectVersion: " + GADGET + " is not managed by this EntityManager; load it in this "
                            + "transaction first (find() or a query)");
            assertRefused(() -> CasOperations.expectVersion(s, gadget, null),
                    "Cannot expectVersion: the expected version is null");
            assertRefused(() -> CasOperations.expectVersion(s, null, 0), "Cannot expectVersion: the entity is null");
            assertRefused(() -> CasOperations.expectVersion(s, unversioned, 0),
                    "Entity '" + Unversioned.class.getName() + "' has no @Version attribute; use expectValues() to "
                            + "state the attribute values the client saw");
            assertRefused(() -> CasOperations.expectValues(s, gadget, Map.of("nosuch", 1)),
                    "Entity '" + GADGET + "' has no attribute 'nosuch' that can be checked; allowed: code, label, "
                            + "name");
            assertRefused(() -> CasOperations.expectValues(s, gadget, Map.of("tags", 1)),
                    "Entity '" + GADGET + "' has no attribute 'tags' that can be checked; allowed: code, label, name");
            assertRefused(() -> CasOperations.expectValues(s, gadget, Map.of()),
                    "Cannot expectValues: no attribute values given");
            assertThat(h.sql().statements()).as("nothing reached SQL").isEmpty();
        });
    }

    @AllDatabases
    void mistypedClientExpectationsAreRefusedWhenStated(TestDatabase db) {
        HibernateFixture h = gadgets(db);

        h.inTransaction(s -> {
            Gadget gadget = s.find(Gadget.class, 1L);
            assertRefused(() -> CasOperations.expectValues(s, gadget, Map.of("name", 42)),
                    "Cannot expectValues for entity '" + GADGET + "': the value of 'name' is a java.lang.Integer that "
                            + "cannot be converted to java.lang.String, the type of the attribute");
            assertRefused(() -> CasOperations.expectVersion(s, gadget, "v0"),
                    "Cannot expectVersion for entity '" + GADGET + "': the expected version is a java.lang.String "
                            + "that cannot be converted to java.lang.Integer, the type of its @Version attribute "
                            + "'version'");
            gadget.setLabel("new");
        });
        // a String or Long ETag that fits is converted: "0" is version 0
        h.inTransaction(s -> {
            Gadget gadget = s.find(Gadget.class, 1L);
            CasOperations.expectVersion(s, gadget, "1");
            gadget.setLabel("newer");
        });
        assertThat(db.queryForLong("select count(*) from misuse_gadget where label = 'newer' and version = 2"))
                .isEqualTo(1);
    }

    private static void assertRefused(Runnable call, String message) {
        assertThatThrownBy(call::run).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}

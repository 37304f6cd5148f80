package io.hibernatecas.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/**
 * The operations run what {@code persist} and a flushed update run: JPA callbacks of the entity and its entity
 * listeners, and update-time generators; a write by id of an entity with update callbacks is refused.
 */
class LifecycleTest {

    @AllDatabases
    void findOrCreateRunsPrePersistAndPostPersistLikePersist(TestDatabase db) {
        HibernateFixture h = fixture(db);

        AuditedNote created = h.fromTransaction(s -> {
            AuditedNote[] candidate = new AuditedNote[1];
            CasOperations.findOrCreate(s, AuditedNote.class, "title", "t", () -> candidate[0] = new AuditedNote(1L, null));
            return candidate[0];
        });

        assertThat(created.getPostPersistCalls()).isEqualTo(1);
        assertThat(text(db, "created_by")).isEqualTo("callback");
        assertThat(text(db, "edited_by")).isEqualTo("listener");
        // found, not created: no callback
        h.inTransaction(s -> CasOperations.findOrCreate(s, AuditedNote.class, "title", "t", () -> {
            throw new AssertionError("the factory must not be called for an existing row");
        }));
    }

    @AllDatabases
    void updateRunsPreUpdateTheListenerTheUpdateTimestampAndPostUpdate(TestDatabase db) {
        HibernateFixture h = fixture(db);
        h.inTransaction(s -> s.persist(new AuditedNote(1L, "t")));
        db.execute("update toolkit_audited_note set edited_by = null, modified_at = timestamp '2000-01-01 00:00:00' where id = 1");
        h.resetCounters();

        AuditedNote note = h.fromTransaction(s -> {
            AuditedNote managed = s.find(AuditedNote.class, 1L);
            assertThat(CasOperations.update(s, managed, n -> n.setBody("new"))).isTrue();
            return managed;
        });

        assertThat(note.getPostUpdateCalls()).isEqualTo(1);
        assertThat(note.getModifiedAt()).isAfter(java.time.Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(db.queryForLong("select edits from toolkit_audited_note where id = 1")).isEqualTo(1);
        assertThat(text(db, "edited_by")).isEqualTo("listener");
        assertThat(db.queryForLong("select count(*) from toolkit_audited_note where id = 1 and modified_at > timestamp '2001-01-01 00:00:00'"))
                .isEqualTo(1);
        // one UPDATE, guarded by what the change changed only; the flush at commit writes nothing more
        assertThat(h.sql().updates().stream().map(SqlCapture::normalize)).containsExactly(
                "update toolkit_audited_note set body=?,edited_by=?,edits=?,modified_at=?,version=? "
                        + "where id=? and body is null and version=?");
    }

    @AllDatabases
    void writesByIdRefreshTheUpdateTimestamp(TestDatabase db) {
        HibernateFixture h = fixture(db);
        h.inTransaction(s -> s.persist(new StampedCounter(1L, "a")));
        db.execute("update toolkit_stamped_counter set modified_at = timestamp '2000-01-01 00:00:00' where id = 1");
        h.resetCounters();

        h.inTransaction(s -> assertThat(CasOperations.increment(s, StampedCounter.class, 1L, "hits", 2)).isTrue());
        assertThat(db.queryForLong("select count(*) from toolkit_stamped_counter where modified_at > timestamp '2001-01-01 00:00:00'"))
                .isEqualTo(1);
        db.execute("update toolkit_stamped_counter set modified_at = timestamp '2000-01-01 00:00:00' where id = 1");
        h.inTransaction(s -> assertThat(CasOperations.compareAndSet(s, StampedCounter.class, 1L, "label", "a", "b"))
                .isTrue());

        assertThat(db.queryForLong("select count(*) from toolkit_stamped_counter where modified_at > timestamp '2001-01-01 00:00:00'"))
                .isEqualTo(1);
        assertThat(h.sql().updates().stream().map(SqlCapture::normalize)).containsExactly(
                "update toolkit_stamped_counter set hits=hits+?,version=version+1,modified_at=? where id=?",
                "update toolkit_stamped_counter set label=?,version=version+1,modified_at=? where id=? and "
                        + ExactSql.text(db.kind(), "label"));
    }

    @AllDatabases
    void writesByIdOfAnEntityWithUpdateCallbacksAreRefused(TestDatabase db) {
        HibernateFixture h = fixture(db);
        h.inTransaction(s -> s.persist(new AuditedNote(1L, "t")));

        h.inTransaction(s -> assertThatThrownBy(() -> CasOperations.increment(s, AuditedNote.class, 1L, "edits", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot increment entity 'io.hibernatecas.toolkit.AuditedNote': it has @PreUpdate or "
                        + "@PostUpdate callbacks (on the entity or its entity listeners), which a write by id cannot "
                        + "run without loading the row; load it and use CasOperations.update(em, entity, change), "
                        + "which runs them"));
        assertThat(db.queryForLong("select edits from toolkit_audited_note where id = 1")).isZero();
    }

    private static String text(TestDatabase db, String column) {
        try (var connection = db.connection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select " + column + " from toolkit_audited_note where id = 1")) {
            rows.next();
            return rows.getString(1);
        }
        catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HibernateFixture fixture(TestDatabase db) {
        return HibernateTestFactory.forDatabase(db).entities(AuditedNote.class, StampedCounter.class).build();
    }
}

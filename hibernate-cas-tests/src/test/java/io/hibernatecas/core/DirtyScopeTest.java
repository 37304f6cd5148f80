package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/** {@code @Cas(when = DIRTY)}: an update checks only the guards it changes. */
class DirtyScopeTest {

    private static HibernateFixture notes(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Note.class).build();
        h.inTransaction(s -> s.persist(new Note(1L, "title", "body")));
        h.sql().clear();
        return h;
    }

    @AllDatabases
    void twoTransactionsMayChangeDifferentGuardedAttributesOfOneRow(TestDatabase db) {
        HibernateFixture h = notes(db);

        h.inTransaction(s -> {
            Note note = s.find(Note.class, 1L);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.find(Note.class, 1L).setBody("body by B"));
            h.sql().clear();
            note.setTitle("title by A");
        });

        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update note set title=? where id=? and " + ExactSql.text(db.kind(), "title"));
        Note stored = h.fromTransaction(s -> s.find(Note.class, 1L));
        assertThat(stored).extracting(Note::getTitle, Note::getBody).containsExactly("title by A", "body by B");
    }

    @AllDatabases
    void changingAGuardAnotherTransactionChangedIsAConflict(TestDatabase db) {
        HibernateFixture h = notes(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Note note = s.find(Note.class, 1L);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.find(Note.class, 1L).setTitle("by B"));
            note.setTitle("by A");
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.core.Note#1]: @Cas attribute 'title' was changed "
                        + "by another transaction");
        assertThat(((FieldConflictException) thrown).getChangedAttributes()).containsExactly("title");
        String title = h.fromTransaction(s -> s.find(Note.class, 1L).getTitle());
        assertThat(title).isEqualTo("by B");
    }

    @AllDatabases
    void anUpdateOfUnguardedAttributesChecksNoGuardAndStaysStatic(TestDatabase db) {
        HibernateFixture h = notes(db);

        h.inTransaction(s -> {
            Note note = s.find(Note.class, 1L);
            db.execute("update note set title = 'changed elsewhere' where id = 1");
            h.sql().clear();
            note.setTag("tagged");
        });

        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update note set tag=? where id=?");
    }

    @AllDatabases
    void deleteChecksDirtyScopedGuardsToo(TestDatabase db) {
        HibernateFixture h = notes(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Note note = s.find(Note.class, 1L);
            db.execute("update note set body = 'changed elsewhere' where id = 1");
            h.sql().clear();
            s.remove(note);
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((FieldConflictException) thrown).getChangedAttributes()).containsExactly("body");
        assertThat(SqlCapture.normalize(h.sql().deletes().get(0)))
                .isEqualTo("delete from note where id=? and " + ExactSql.text(db.kind(), "body") + " and "
                        + ExactSql.text(db.kind(), "title"));
    }
}

package io.hibernatecas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.Conflict;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * Issue 10, point 7: a conflict is a value that survives Java serialization (a remote EJB call, a session store):
 * everything but the entity instance and the values that are not serializable themselves.
 */
class ConflictSerializationTest {

    private static HibernateFixture stickers(TestDatabase db, Object... settings) {
        var builder = HibernateTestFactory.forDatabase(db).entities(Sticker.class);
        for (int i = 0; i < settings.length; i += 2) {
            builder.setting((String) settings[i], settings[i + 1]);
        }
        HibernateFixture h = builder.build();
        h.inTransaction(s -> s.persist(new Sticker(1L, 10, new Badge("gold"))));
        return h;
    }

    /** Another transaction changes both guarded columns of sticker 1 but not its version. */
    private static void changeBehindItsBack(TestDatabase db) {
        db.execute("update compat_sticker set quantity = 11, badge = 'silver' where id = 1");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @AllDatabases
    void conflictDataSurvivesSerializationWithoutTheEntityAndTheValuesThatAreNotSerializable(TestDatabase db) {
        HibernateFixture h = stickers(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Sticker sticker = s.find(Sticker.class, 1L);
            changeBehindItsBack(db);
            sticker.quantity = 12;
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        FieldConflictException original = (FieldConflictException) thrown;
        assertThat(original.getEntity()).isInstanceOf(Sticker.class);
        assertThat(original.getExpectedValue("badge")).isEqualTo(new Badge("gold"));

        FieldConflictException copy = roundTrip(original);

        assertThat(copy).hasMessage(original.getMessage()).hasMessage("Concurrent update of "
                + "[io.hibernatecas.compat.Sticker#1]: @Cas attributes 'badge', 'quantity' were changed by another "
                + "transaction");
        assertThat(copy.getReason()).isEqualTo(ConflictReason.FIELD_CHANGED);
        assertThat(copy.getHttpStatus()).isEqualTo(409);
        assertThat(copy.getEntityName()).isEqualTo(Sticker.class.getName());
        assertThat(copy.getIdentifier()).isEqualTo(1L);
        assertThat(copy.getExpectedVersion()).isEqualTo(0);
        assertThat(copy.getActualVersion()).isEqualTo(0);
        assertThat(copy.getChangedAttributes()).containsExactly("badge", "quantity");
        assertThat(copy.getExpectedValues()).containsExactly(Map.entry("quantity", 10));
        assertThat(copy.getActualValues()).containsExactly(Map.entry("quantity", 11));
        assertThat(copy.getExpectedValue("badge")).isNull();
        assertThat(copy.getEntity()).isNull();
        assertThat(copy.getConflict().getEntity()).isNull();
        assertThat(copy.getConflicts()).singleElement().isSameAs(copy.getConflict());
        assertThat(copy.toProblemDetail()).isEqualTo(original.toProblemDetail());
        // both views of the conflict travel together
        assertThat(copy.getCause()).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(((CasStaleObjectStateException) copy.getCause()).getConflictException()).isSameAs(copy);
        assertThat(CasConflictException.findIn(copy.getCause())).containsSame(copy);
    }

    @AllDatabases
    void theHibernateViewSurvivesSerializationToo(TestDatabase db) {
        HibernateFixture h = stickers(db, "hibernate.cas.messages.include_values", "true");

        Throwable thrown = catchThrowable(() -> h.sessionFactory().inStatelessTransaction(s -> {
            Sticker sticker = s.get(Sticker.class, 1L);
            db.execute("update compat_sticker set quantity = 11, version = 1 where id = 1");
            s.delete(sticker);
        }));
        assertThat(thrown).isExactlyInstanceOf(CasStaleObjectStateException.class);

        CasStaleObjectStateException copy = roundTrip((CasStaleObjectStateException) thrown);

        assertThat(copy).hasMessage(thrown.getMessage());
        assertThat(copy.getEntityName()).isEqualTo(Sticker.class.getName());
        assertThat(copy.getIdentifier()).isEqualTo(1L);
        assertThat(copy.getReason()).isEqualTo(ConflictReason.VERSION_CHANGED);
        assertThat(copy.getConflictException().getCause()).isSameAs(copy);
        Conflict conflict = copy.getConflict();
        assertThat(conflict.getActualVersion()).isEqualTo(1);
        assertThat(conflict.getActualValue("quantity")).isEqualTo(11);
        assertThat(conflict.getActualValues()).doesNotContainKey("badge");
        // values were disclosed before the trip, and still are for what survived it
        assertThat(copy.toProblemDetail()).containsEntry("actualValues", Map.of("quantity", 11));
    }
}

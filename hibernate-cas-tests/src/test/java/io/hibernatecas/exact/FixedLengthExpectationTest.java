package io.hibernatecas.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/**
 * Values a client states for {@code CHAR} columns, checked after a flush that writes nothing
 * ({@code UnwrittenExpectations}), compare as the column pads, as the guard of an {@code UPDATE} does: the client
 * saw {@code "abc"} (the value as persisted), H2 and PostgreSQL read it back as {@code "abc     "}. Compared with
 * Java's {@code equals}, every such flush failed with a 412 although nobody else wrote.
 */
class FixedLengthExpectationTest {

    @AllDatabases
    void aStatedValueTheColumnPadsIsNotAConflict(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(FixedWidth.class).build();
        h.inTransaction(s -> s.persist(new FixedWidth(1L, "abc", "abc")));
        h.resetCounters();

        h.inTransaction(s -> {
            FixedWidth row = s.find(FixedWidth.class, 1L);
            CasOperations.expectValues(s, row, Map.of("code", "abc", "label", "abc  "));
        });

        assertThat(h.sql().updates()).isEmpty();
        assertThat(h.sql().selects()).hasSize(2);
        assertThat(SqlCapture.normalize(h.sql().selects().get(1)))
                .startsWith("select id, version, code, label from fixed_width where id in (?)");

        // a change of case is still a conflict, with the client's status
        db.execute("update fixed_width set label = 'ABC' where id = 1");
        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            FixedWidth row = s.find(FixedWidth.class, 1L);
            CasOperations.expectValues(s, row, Map.of("code", "abc", "label", "abc"));
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).containsExactly("label");
        assertThat(((CasConflictException) thrown).getHttpStatus()).isEqualTo(412);
    }
}

package io.hibernatecas.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/**
 * The invoice story: a web client read version 12 and posts it back later. The update must fail with 412 when the
 * row changed, before the load or between load and flush, and succeed for the client that saw the current version.
 */
class ClientHeldVersionTest {

    private static HibernateFixture invoiceAtVersion12(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Invoice.class).build();
        h.inTransaction(s -> s.persist(new Invoice(1L, new BigDecimal("50.00"), "open")));
        db.execute("update client_invoice set version = 12 where id = 1");
        h.sql().clear();
        return h;
    }

    private static void save(HibernateFixture h, int versionSeen, String amount) {
        h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectVersion(s, invoice, versionSeen);
            invoice.amount = new BigDecimal(amount);
        });
    }

    @AllDatabases
    void invoiceStoryFreshClientWinsStaleClientGets412(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        save(h, 12, "100.00");
        Throwable thrown = catchThrowable(() -> save(h, 12, "150.00"));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.client.Invoice#1]: expected version 12 but the "
                        + "database has version 13");
        VersionConflictException conflict = (VersionConflictException) thrown;
        assertThat(conflict.getHttpStatus()).isEqualTo(412);
        assertThat(conflict.getExpectedVersion()).isEqualTo(12);
        assertThat(conflict.getActualVersion()).isEqualTo(13);
        assertThat(conflict.toProblemDetail()).containsEntry("status", 412).containsEntry("title", "Precondition failed");
        assertThat(db.queryForLong("select amount from client_invoice where id = 1")).isEqualTo(100);
        assertThat(db.queryForLong("select version from client_invoice where id = 1")).isEqualTo(13);
    }

    @AllDatabases
    void theClientVersionIsTheOneInTheWhereClause(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);
        db.execute("update client_invoice set version = 13 where id = 1");
        h.sql().clear();

        Throwable thrown = catchThrowable(() -> save(h, 12, "70.00"));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(((CasConflictException) thrown).getHttpStatus()).isEqualTo(412);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update client_invoice set amount=?,memo=?,status=?,version=? where id=? and amount=? and version=?");
        assertThat(db.queryForLong("select amount from client_invoice where id = 1")).isEqualTo(50);
    }

    @AllDatabases
    void aChangeBetweenLoadAndFlushIsAlso412(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectVersion(s, invoice, 12);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.find(Invoice.class, 1L).memo = "other");
            invoice.amount = new BigDecimal("80.00");
        }));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(((CasConflictException) thrown).getHttpStatus()).isEqualTo(412);
    }

    @AllDatabases
    void clientHeldValuesOfAnUnguardedAttributeAreChecked(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);
        db.execute("update client_invoice set status = 'paid' where id = 1");
        h.sql().clear();

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectValues(s, invoice, Map.of("status", "open"));
            invoice.memo = "client edit";
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.client.Invoice#1]: attribute 'status' was "
                        + "changed by another transaction");
        FieldConflictException conflict = (FieldConflictException) thrown;
        assertThat(conflict.getHttpStatus()).isEqualTo(412);
        assertThat(conflict.getExpectedValue("status")).isEqualTo("open");
        assertThat(conflict.getActualValue("status")).isEqualTo("paid");
        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).endsWith("where id=? and amount=? and "
                + ExactSql.text(db.kind(), "status") + " and version=?");
    }

    @AllDatabases
    void matchingClientValuesLetTheUpdateThroughOnceOnly(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectValues(s, invoice, Map.of("status", "open", "amount", new BigDecimal("50.00")));
            invoice.status = "paid";
            s.flush();
            // the expectation was met and is forgotten: a second change in the same session checks the loaded state
            invoice.memo = "after";
        });

        assertThat(db.queryForLong("select version from client_invoice where id = 1")).isEqualTo(14);
    }

    @AllDatabases
    void unknownAttributeInExpectValuesIsRejected(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        h.inTransaction(s -> assertThatThrownBy(() -> CasOperations.expectValues(s, s.find(Invoice.class, 1L),
                Map.of("amount = 0 --", 1)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Entity 'io.hibernatecas.client.Invoice' has no attribute 'amount = 0 --' that can be "
                        + "checked; allowed: amount, memo, status"));
    }
}

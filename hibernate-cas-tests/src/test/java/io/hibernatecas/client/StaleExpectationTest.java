package io.hibernatecas.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.Map;

import io.hibernatecas.CasOperations;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/**
 * Client-held versions and values: converted to the attribute's type when stated, and checked even when the entity
 * ends up not dirty (an HTTP PUT whose body equals the current state, with a stale {@code If-Match}).
 */
class StaleExpectationTest {

    private static HibernateFixture invoiceAtVersion12(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Invoice.class).build();
        h.inTransaction(s -> s.persist(new Invoice(1L, new BigDecimal("50.00"), "open")));
        db.execute("update client_invoice set version = 12 where id = 1");
        h.resetCounters();
        return h;
    }

    @AllDatabases
    void aLongETagIsConvertedToTheIntVersion(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectVersion(s, invoice, Long.parseLong("12"));
            invoice.amount = new BigDecimal("60.00");
        });
        Throwable stale = catchThrowable(() -> h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectVersion(s, invoice, "12");
            invoice.amount = new BigDecimal("70.00");
        }));

        assertThat(db.queryForLong("select version from client_invoice where id = 1")).isEqualTo(13);
        assertThat(stale).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(((VersionConflictException) stale).getExpectedVersion()).isEqualTo(12);
        assertThat(((VersionConflictException) stale).getHttpStatus()).isEqualTo(412);
    }

    @AllDatabases
    void aVersionThatCannotBeConvertedIsRefusedWhenStated(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            assertThatThrownBy(() -> CasOperations.expectVersion(s, invoice, "W/\"12\""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot expectVersion for entity 'io.hibernatecas.client.Invoice': the expected "
                            + "version is a java.lang.String that cannot be converted to java.lang.Integer, the type "
                            + "of its @Version attribute 'version'");
            assertThatThrownBy(() -> CasOperations.expectVersion(s, invoice, 1L + Integer.MAX_VALUE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the expected version is a java.lang.Long that cannot be converted");
            assertThatThrownBy(() -> CasOperations.expectValues(s, invoice, Map.of("amount", "a lot")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot expectValues for entity 'io.hibernatecas.client.Invoice': the value of "
                            + "'amount' is a java.lang.String that cannot be converted to java.math.BigDecimal, the "
                            + "type of the attribute");
        });
    }

    @AllDatabases
    void aStaleVersionOnAnUnchangedEntityFailsTheFlushWith412(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectVersion(s, invoice, 11);
            invoice.amount = new BigDecimal("50.00"); // the PUT body equals the current state: nothing is dirty
        }));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.client.Invoice#1]: expected version 11 but the "
                        + "database has version 12");
        assertThat(((VersionConflictException) thrown).getHttpStatus()).isEqualTo(412);
        assertThat(h.sql().updates()).isEmpty();
        // the check: one read of the row, no UPDATE (MariaDB, under REPEATABLE READ, reads it "for update")
        assertThat(h.sql().selects().stream().map(SqlCapture::normalize))
                .anyMatch(sql -> sql.startsWith("select id, version, amount from client_invoice where id"));
    }

    @AllDatabases
    void aCurrentVersionOnAnUnchangedEntityCommitsWithOneCheck(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectVersion(s, invoice, 12);
            s.flush();
            s.flush(); // the expectation was met by the first check
        });

        assertThat(h.sql().updates()).isEmpty();
        assertThat(h.sql().selects().stream().map(SqlCapture::normalize)
                .filter(sql -> sql.startsWith("select id, version, amount from client_invoice"))).hasSize(1);
        assertThat(db.queryForLong("select version from client_invoice where id = 1")).isEqualTo(12);
    }

    @AllDatabases
    void staleValuesOnAnUnchangedEntityFailTheFlushWith412(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectValues(s, invoice, Map.of("status", "draft"));
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        FieldConflictException conflict = (FieldConflictException) thrown;
        assertThat(conflict.getHttpStatus()).isEqualTo(412);
        assertThat(conflict.getConflicts().get(0).getChangedAttributes()).containsExactly("status");
        assertThat(h.sql().updates()).isEmpty();
    }

    @AllDatabases
    void aRowDeletedUnderAnUnchangedEntityIs404(TestDatabase db) {
        HibernateFixture h = invoiceAtVersion12(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            CasOperations.expectVersion(s, invoice, 12);
            db.execute("delete from client_invoice where id = 1");
        }));

        if (snapshotIsolation(db)) {
            // MariaDB 11, innodb_snapshot_isolation=ON: the check's "for update" read fails with 1020 (docs/guide.md)
            assertThat(thrown).rootCause().hasMessageEndingWith("Record has changed since last read in table "
                    + "'client_invoice'");
            return;
        }
        assertThat(thrown).isExactlyInstanceOf(EntityDeletedException.class);
        assertThat(((EntityDeletedException) thrown).getHttpStatus()).isEqualTo(404);
    }

    private static boolean snapshotIsolation(TestDatabase db) {
        if (db.kind() != DatabaseKind.MARIADB) {
            return false;
        }
        try (var connection = db.connection(); var statement = connection.createStatement();
                var rows = statement.executeQuery("show variables like 'innodb_snapshot_isolation'")) {
            return rows.next() && "ON".equalsIgnoreCase(rows.getString(2));
        }
        catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

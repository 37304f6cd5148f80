package io.hibernatecas.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.ReferenceConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.exception.ConstraintViolationException;

/** RFC 9457 problem details of conflicts, pinned; foreign-key conflicts become ReferenceConflictException. */
class ProblemDetailTest {

    private static HibernateFixture fixture(TestDatabase db, boolean includeValues) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db)
                .entities(Invoice.class, Customer.class, PurchaseOrder.class)
                .setting("hibernate.cas.messages.include_values", includeValues).build();
        h.inTransaction(s -> {
            s.persist(new Invoice(1L, new BigDecimal("50.00")));
            Customer customer = new Customer(1L, "ann");
            s.persist(customer);
            s.persist(new Customer(2L, "bob"));
            s.persist(new PurchaseOrder(1L, customer));
        });
        return h;
    }

    private static CasConflictException versionConflict(HibernateFixture h) {
        return (CasConflictException) catchThrowable(() -> h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.find(Invoice.class, 1L).memo = "other");
            invoice.memo = "mine";
        }));
    }

    @AllDatabases
    void versionConflictProblemDetail(TestDatabase db) {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "urn:hibernate-cas:problem:version-changed");
        expected.put("title", "Concurrent update");
        expected.put("status", 409);
        expected.put("detail", "Concurrent update of [io.hibernatecas.problem.Invoice#1]: expected version 0 but the "
                + "database has version 1");
        expected.put("entity", "io.hibernatecas.problem.Invoice");
        expected.put("id", "1");
        expected.put("expectedVersion", 0);
        expected.put("actualVersion", 1);
        expected.put("changedAttributes", List.of());

        Map<String, Object> problem = versionConflict(fixture(db, false)).toProblemDetail();

        assertThat(problem).containsExactlyEntriesOf(expected);
    }

    @AllDatabases
    void fieldValuesAppearInTheProblemDetailOnlyWhenEnabled(TestDatabase db) {
        for (boolean include : new boolean[] {false, true}) {
            HibernateFixture h = fixture(db, include);
            CasConflictException conflict = (CasConflictException) catchThrowable(() -> h.inTransaction(s -> {
                Invoice invoice = s.find(Invoice.class, 1L);
                db.execute("update invoice set amount = 100 where id = 1");
                invoice.memo = "mine";
            }));
            Map<String, Object> problem = conflict.toProblemDetail();
            assertThat(problem).containsEntry("type", "urn:hibernate-cas:problem:field-changed")
                    .containsEntry("changedAttributes", List.of("amount"));
            if (include) {
                assertThat(problem).containsKeys("expectedValues", "actualValues");
                assertThat(((Map<?, ?>) problem.get("expectedValues")).get("amount")).isEqualTo(new BigDecimal("50.00"));
            }
            else {
                assertThat(problem).doesNotContainKeys("expectedValues", "actualValues");
                assertThat(problem.toString()).doesNotContain("50.00").doesNotContain("100");
            }
            h.close();
        }
    }

    @AllDatabases
    void deletedRowProblemDetailIs404(TestDatabase db) {
        HibernateFixture h = fixture(db, false);
        CasConflictException conflict = (CasConflictException) catchThrowable(() -> h.inTransaction(s -> {
            Invoice invoice = s.find(Invoice.class, 1L);
            db.execute("delete from invoice where id = 1");
            invoice.memo = "mine";
        }));

        assertThat(conflict.toProblemDetail()).containsEntry("type", "urn:hibernate-cas:problem:deleted")
                .containsEntry("title", "Resource deleted").containsEntry("status", 404)
                .containsEntry("expectedVersion", 0).doesNotContainKey("actualVersion");
    }

    @AllDatabases
    void deletingARowThatIsStillReferencedIsAReferenceConflict(TestDatabase db) {
        HibernateFixture h = fixture(db, false);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> s.remove(s.find(Customer.class, 1L))));

        assertThat(thrown).isExactlyInstanceOf(ReferenceConflictException.class);
        ReferenceConflictException conflict = (ReferenceConflictException) thrown;
        assertThat(conflict.getConstraintName()).isNotNull().containsIgnoringCase("fk_order_customer");
        assertThat(conflict.isDelete()).isTrue();
        assertThat(conflict.getHttpStatus()).isEqualTo(409);
        assertThat(conflict.getErrorMessage()).startsWith("Cannot delete: the row is still referenced (foreign key '")
                .endsWith("'); another transaction may have added the reference after this one read the data");
        // Hibernate's ConstraintViolationException, as plain Hibernate throws it, with a better message
        assertThat(conflict).isInstanceOf(ConstraintViolationException.class);
        assertThat(conflict.getKind()).isEqualTo(ConstraintViolationException.ConstraintKind.FOREIGN_KEY);
        assertThat(conflict.getSQL()).startsWithIgnoringCase("delete from shop_customer");
        assertThat(conflict.getMessage()).isEqualTo(conflict.getErrorMessage() + " [" + conflict.getSQL() + "]");
        assertThat((Throwable) conflict.getSQLException()).isNotNull().isSameAs(conflict.getCause());
        assertThat(conflict.getSQLState()).isEqualTo(conflict.getSQLException().getSQLState()).startsWith("23");
        assertThat(conflict.toProblemDetail()).containsEntry("type", "urn:hibernate-cas:problem:reference")
                .containsEntry("title", "Reference conflict").containsEntry("status", 409)
                .containsEntry("constraint", conflict.getConstraintName())
                .containsEntry("detail", conflict.getErrorMessage());
    }

    @AllDatabases
    void writingAReferenceToADeletedRowIsAReferenceConflict(TestDatabase db) {
        HibernateFixture h = fixture(db, false);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            PurchaseOrder order = s.find(PurchaseOrder.class, 1L);
            Customer bob = s.find(Customer.class, 2L);
            db.execute("delete from shop_customer where id = 2");
            order.customer = bob;
        }));

        assertThat(thrown).isExactlyInstanceOf(ReferenceConflictException.class);
        assertThat(((ReferenceConflictException) thrown).isDelete()).isFalse();
        assertThat(thrown.getMessage()).startsWith("Cannot write a reference to a row that does not exist");
        assertThat(((ReferenceConflictException) thrown).getSQL()).startsWithIgnoringCase("update purchase_order");
    }
}

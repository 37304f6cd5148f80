package io.hibernatecas.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/** Embedded and to-one attributes, and {@code @Cas} guards in {@code update}. */
class AttributeKindsTest {

    @AllDatabases
    void embeddedAttributeIsComparedAndSetColumnByColumn(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Parcel(1L, "dhl")));
        h.resetCounters();

        h.inTransaction(s -> {
            assertThat(CasOperations.compareAndSet(s, Parcel.class, 1L, "destination", null,
                    new Address("Main St", "Oslo"))).isTrue();
            assertThat(CasOperations.compareAndSet(s, Parcel.class, 1L, "destination",
                    new Address("Main St", "Bergen"), new Address("Side St", "Oslo"))).isFalse();
            assertThat(CasOperations.compareAndSet(s, Parcel.class, 1L, "destination",
                    new Address("Main St", "Oslo"), new Address("Side St", "Oslo"))).isTrue();
        });

        assertThat(h.sql().updates()).extracting(SqlCapture::normalize).containsExactly(
                "update parcel set city=?,street=?,version=version+1 where id=? and city is null and street is null",
                "update parcel set city=?,street=?,version=version+1 where id=? and " + ExactSql.text(db.kind(), "city")
                        + " and " + ExactSql.text(db.kind(), "street"),
                "update parcel set city=?,street=?,version=version+1 where id=? and " + ExactSql.text(db.kind(), "city")
                        + " and " + ExactSql.text(db.kind(), "street"));
        assertThat(db.queryForLong("select count(*) from parcel where street = 'Side St' and city = 'Oslo' "
                + "and version = 2")).isEqualTo(1);
    }

    @AllDatabases
    void toOneAttributeIsComparedAndSetByItsForeignKey(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> {
            s.persist(new Wallet(7L, 0, "payer"));
            s.persist(new Parcel(1L, "dhl"));
        });
        h.resetCounters();

        boolean set = h.fromTransaction(s -> CasOperations.compareAndSet(s, Parcel.class, 1L, "payer", null,
                s.getReference(Wallet.class, 7L)));

        assertThat(set).isTrue();
        assertThat(h.sql().statements()).singleElement().satisfies(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update parcel set payer_id=?,version=version+1 where id=? and payer_id is null"));
        assertThat(db.queryForLong("select payer_id from parcel where id = 1")).isEqualTo(7);
    }

    @AllDatabases
    void updateAlsoChecksTheCasGuardsOfTheEntity(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Parcel(1L, "dhl")));

        h.inTransaction(s -> {
            Parcel parcel = s.find(Parcel.class, 1L);
            h.resetCounters();
            assertThat(CasOperations.update(s, parcel, p -> p.setLabel("fragile"))).isTrue();
        });
        String written = h.sql().updates().get(0);

        h.inTransaction(s -> {
            Parcel parcel = s.find(Parcel.class, 1L);
            // a write that does not bump the version: only the @Cas guard notices it
            db.execute("update parcel set carrier = 'ups' where id = 1");
            assertThat(CasOperations.update(s, parcel, p -> p.setLabel("heavy"))).isFalse();
            assertThat(parcel.getLabel()).isEqualTo("fragile");
        });

        assertThat(SqlCapture.normalize(written)).isEqualTo(
                "update parcel set label=?,version=? where id=? and label is null and "
                        + ExactSql.text(db.kind(), "carrier") + " and version=?");
        assertThat(db.queryForLong("select count(*) from parcel where label = 'fragile' and carrier = 'ups' "
                + "and version = 1")).isEqualTo(1);
    }
}

package io.hibernatecas.operations;

import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/** The session factory of the operations tests: every entity of this package on the given database. */
final class OperationsFixture {

    private OperationsFixture() {
    }

    static HibernateFixture on(TestDatabase db) {
        return HibernateTestFactory.forDatabase(db)
                .entities(Wallet.class, Counter.class, Tag.class, Label.class, Setting.class, Note.class,
                        Document.class, Parcel.class)
                .build();
    }
}

package io.hibernatecas.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.TestDatabase;

import jakarta.persistence.TransactionRequiredException;

class AttributeValidationTest {

    private static final String WALLET = "io.hibernatecas.operations.Wallet";
    private static final String ACCEPTED = "; compareAndSet accepts [balance, owner, status]";

    @AllDatabases
    void unknownAndUnwritableAttributesAreRefusedWithTheReasonAndTheAcceptedNames(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));
        h.resetCounters();

        h.inTransaction(s -> {
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, 1L, "amount = 0 --", 1, 2),
                    "Cannot compareAndSet attribute 'amount = 0 --' of entity '" + WALLET
                            + "': no such persistent attribute" + ACCEPTED);
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, 1L, "id", 1L, 2L),
                    "Cannot compareAndSet attribute 'id' of entity '" + WALLET + "': it is the identifier" + ACCEPTED);
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, 1L, "version", 0, 7),
                    "Cannot compareAndSet attribute 'version' of entity '" + WALLET
                            + "': it is the @Version attribute, which CasOperations maintains itself" + ACCEPTED);
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, 1L, "tags", null, null),
                    "Cannot compareAndSet attribute 'tags' of entity '" + WALLET + "': it is a collection" + ACCEPTED);
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, 1L, "doubled", 200L, 0L),
                    "Cannot compareAndSet attribute 'doubled' of entity '" + WALLET
                            + "': it is a formula (@Formula) and has no column" + ACCEPTED);
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, 1L, "currency", "EUR", "USD"),
                    "Cannot compareAndSet attribute 'currency' of entity '" + WALLET
                            + "': it is not updatable (updatable = false)" + ACCEPTED);
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, 1L, null, 1, 2),
                    "Cannot compareAndSet attribute 'null' of entity '" + WALLET + "': no such persistent attribute"
                            + ACCEPTED);
            assertRefused(() -> CasOperations.increment(s, Wallet.class, 1L, "owner", 1),
                    "Cannot increment attribute 'owner' of entity '" + WALLET
                            + "': it is not a basic numeric attribute; increment accepts [balance]");
            assertRefused(() -> CasOperations.increment(s, Wallet.class, 1L, "balance; drop table wallet", 1),
                    "Cannot increment attribute 'balance; drop table wallet' of entity '" + WALLET
                            + "': no such persistent attribute; increment accepts [balance]");
            assertRefused(() -> CasOperations.findOrCreate(s, Wallet.class, "tags", "x", () -> null),
                    "Cannot findOrCreate by attribute 'tags' of entity '" + WALLET
                            + "': it is a collection; findOrCreate accepts [balance, currency, owner, status]");
        });

        assertThat(h.sql().statements()).as("nothing reached SQL").isEmpty();
        assertThat(h.jdbc().executionCount()).isZero();
    }

    @AllDatabases
    void nullIdWrongValueTypesAndNonEntitiesAreRefused(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        h.inTransaction(s -> {
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, null, "balance", 1L, 2L),
                    "Cannot compareAndSet entity '" + WALLET + "': the id is null");
            assertRefused(() -> CasOperations.increment(s, Wallet.class, "one", "balance", 1),
                    "Cannot increment entity '" + WALLET + "': the id is a java.lang.String, not a java.lang.Long");
            assertRefused(() -> CasOperations.compareAndSet(s, Wallet.class, 1L, "status", "OPEN", "CLOSED"),
                    "Cannot compareAndSet attribute 'status' of entity '" + WALLET
                            + "': the expected value is a java.lang.String, not a " + Wallet.Status.class.getName());
            assertRefused(() -> CasOperations.compareAndSet(s, String.class, 1L, "length", 1, 2),
                    "Cannot compareAndSet: 'java.lang.String' is not an entity of this persistence unit");
        });
        assertThat(h.jdbc().executionCount()).isZero();
    }

    @AllDatabases
    void writesNeedATransaction(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        try (var session = h.sessionFactory().openSession()) {
            assertThatThrownBy(() -> CasOperations.increment(session, Counter.class, 1L, "hits", 1))
                    .isInstanceOf(TransactionRequiredException.class)
                    .hasMessage("CasOperations.increment requires an active transaction");
        }
    }

    private static void assertRefused(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}

package io.hibernatecas.spring;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

import io.hibernatecas.CasConflictException;

/**
 * Finds the typed conflict behind whatever exception reached the web or service layer: the
 * {@code CasConflictException} itself, JPA's {@code RollbackException} from a commit, or Spring's
 * {@code ObjectOptimisticLockingFailureException} (whose cause chain carries it).
 */
final class Conflicts {

    /** Bounds the walk through a malformed (very long or cyclic) chain. */
    private static final int MAX_CHAIN = 64;

    private Conflicts() {
    }

    static Optional<CasConflictException> find(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
            if (t instanceof CasConflictException conflict) {
                return Optional.of(conflict);
            }
        }
        return Optional.empty();
    }
}

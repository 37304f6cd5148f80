package io.hibernatecas.stress.security;

import java.math.BigDecimal;
import java.util.List;

/** The values the security tests plant, and look for in everything the library says. */
final class Secrets {

    /** What vault 1 holds when a transaction loads it. */
    static final BigDecimal BALANCE = new BigDecimal("987654.32");
    static final String TOKEN = "s3cr3t-token";
    /** What another writer puts there behind the transaction's back. */
    static final BigDecimal OTHER_BALANCE = new BigDecimal("123456.78");
    static final String OTHER_TOKEN = "0ther-s3cr3t";
    /** What a client says it saw. */
    static final String CLIENT_TOKEN = "cl1ent-s3cr3t";

    static final List<String> ALL = List.of(BALANCE.toPlainString(), TOKEN, OTHER_BALANCE.toPlainString(),
            OTHER_TOKEN, CLIENT_TOKEN);

    private Secrets() {
    }

    /** The secrets that occur in {@code text}. */
    static List<String> foundIn(String text) {
        return ALL.stream().filter(text::contains).toList();
    }
}

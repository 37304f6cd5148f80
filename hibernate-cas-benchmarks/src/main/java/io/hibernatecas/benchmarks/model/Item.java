package io.hibernatecas.benchmarks.model;

/**
 * What the update benchmarks change on a loaded row, so that one workload drives both {@link PlainItem} and
 * {@link CasItem}.
 */
public interface Item {

    long getAmount();

    void setAmount(long amount);

    void setNote(String note);
}

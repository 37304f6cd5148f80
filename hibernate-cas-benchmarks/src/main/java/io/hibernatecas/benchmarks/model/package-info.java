/**
 * The entities of the benchmarks: the same row with {@code @Version} only and with {@code @Cas} guards, and a
 * counter.
 */
package io.hibernatecas.benchmarks.model;

/**
 * JMH benchmarks of hibernate-cas against raw JDBC and plain Hibernate on H2, PostgreSQL and MariaDB. Not shipped:
 * the module is built only with the Maven profile {@code bench}. Start with
 * {@link io.hibernatecas.benchmarks.BenchmarkMain}.
 */
package io.hibernatecas.benchmarks;

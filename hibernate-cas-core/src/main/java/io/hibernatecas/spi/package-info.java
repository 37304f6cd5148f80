/**
 * Service provider interfaces of hibernate-cas: contracts that an integrator (a framework, a metrics or tracing
 * library, an application's infrastructure code) may implement to take part in what the library does, such as a
 * {@link io.hibernatecas.spi.RetryListener} told about each retry of {@link io.hibernatecas.CasRetry}.
 * <p>
 * Package categories, as in Hibernate itself: {@code io.hibernatecas} is the API an application calls,
 * {@code io.hibernatecas.spi} (this package) holds the contracts an integrator implements and the values handed
 * to them, and {@code io.hibernatecas.internal} is the implementation, which may change in any release.
 */
package io.hibernatecas.spi;

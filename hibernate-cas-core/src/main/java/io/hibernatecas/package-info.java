/**
 * The API of hibernate-cas: what an application touches.
 * <p>
 * Package categories, as in Hibernate itself:
 * <ul>
 * <li>{@code io.hibernatecas}: the API: the {@link io.hibernatecas.Cas @Cas} annotation, the conflict exceptions,
 *     {@link io.hibernatecas.CasSettings} and the conflict toolkit;</li>
 * <li>{@code io.hibernatecas.spi}: contracts an integrator may implement;</li>
 * <li>{@code io.hibernatecas.internal}: everything else (integrator, coordinators, listeners, diagnosis); it may
 *     change in any release.</li>
 * </ul>
 * The library activates itself through {@code META-INF/services/org.hibernate.integrator.spi.Integrator}; adding
 * the jar is enough.
 */
package io.hibernatecas;

/**
 * Internal implementation of hibernate-cas: the integrator, the mutation coordinators that add guards to
 * Hibernate's statements, the flush listener, the conflict diagnosis. Not API; it changes in any release.
 * {@code docs/design.md} names every Hibernate internal or incubating contract used here.
 */
package io.hibernatecas.internal;

/**
 * hibernate-cas for Spring: what an application's code may call. {@link io.hibernatecas.spring.CasProblemDetails}
 * turns a conflict into Spring's {@code ProblemDetail}, {@link io.hibernatecas.spring.IfMatch} carries a request's
 * {@code If-Match} into {@code CasOperations.expectVersion}, {@link io.hibernatecas.spring.CasRetryPredicate} is the
 * library's retry classification for Spring's {@code @Retryable} and {@code RetryTemplate}, and
 * {@link io.hibernatecas.spring.SpringAttemptTransactions} runs each attempt of {@code CasRetry} in a Spring
 * transaction. {@code io.hibernatecas.spring.autoconfigure} wires them into a Spring Boot application.
 */
package io.hibernatecas.spring;

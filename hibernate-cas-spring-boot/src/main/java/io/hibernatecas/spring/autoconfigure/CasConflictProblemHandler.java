package io.hibernatecas.spring.autoconfigure;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.spring.CasProblemDetails;
import io.hibernatecas.spring.IfMatchException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers conflicts with RFC 9457 problem details ({@link CasProblemDetails}): 404 deleted, 409 changed, 412 stale
 * {@code If-Match} or expected values, 409 for {@link RetryExhaustedException}; and {@link IfMatchException} with
 * its own 400 or 412.
 * <p>
 * Spring MVC matches an {@code @ExceptionHandler} against the thrown exception and then its causes, so a conflict
 * that Spring's exception translation wrapped ({@code ObjectOptimisticLockingFailureException},
 * {@code JpaSystemException}) is found too. Lowest precedence: an application's own
 * {@code @RestControllerAdvice} (default order) handling the same exception, a superclass of it or a wrapper
 * in the chain decides instead.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class CasConflictProblemHandler {

    @ExceptionHandler(RetryExhaustedException.class)
    ResponseEntity<ProblemDetail> retryExhausted(RetryExhaustedException exhausted) {
        return CasProblemDetails.response(exhausted);
    }

    @ExceptionHandler(CasConflictException.class)
    ResponseEntity<ProblemDetail> conflict(CasConflictException conflict) {
        return CasProblemDetails.response(conflict);
    }

    /** Hibernate's view of a conflict without the JPA view in the chain (a {@code StatelessSession} write). */
    @ExceptionHandler(CasStaleObjectStateException.class)
    ResponseEntity<ProblemDetail> hibernateConflict(CasStaleObjectStateException conflict) {
        return CasProblemDetails.response(conflict.getConflictException());
    }

    @ExceptionHandler(IfMatchException.class)
    ResponseEntity<ProblemDetail> ifMatch(IfMatchException failure) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(failure.getStatusCode()).headers(headers).body(failure.getBody());
    }
}

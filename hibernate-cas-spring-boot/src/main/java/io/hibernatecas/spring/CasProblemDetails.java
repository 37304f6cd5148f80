package io.hibernatecas.spring;

import java.net.URI;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.RetryExhaustedException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Conflicts as RFC 9457 responses, with Spring's own {@link ProblemDetail}: the members of
 * {@link CasConflictException#toProblemDetail()} (or {@link RetryExhaustedException#toProblemDetail()}) become
 * {@code type}, {@code title}, {@code status}, {@code detail} and properties; the response has the status of the
 * conflict (404 deleted, 409 changed, 412 when the client's {@code If-Match} or expected values are stale), the
 * content type {@code application/problem+json} and, where the database's current version is known, an
 * {@code ETag} of it so that the client can read the row again and retry with {@code If-Match}.
 * <p>
 * The Spring Boot auto-configuration answers conflicts with these responses; an application with a
 * {@code @RestControllerAdvice} of its own can call {@link #response(Throwable)} there.
 */
public final class CasProblemDetails {

    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private CasProblemDetails() {
    }

    /** {@link CasConflictException#toProblemDetail()} as Spring's {@code ProblemDetail}. */
    public static ProblemDetail of(CasConflictException conflict) {
        return toProblemDetail(conflict.toProblemDetail());
    }

    /** {@link RetryExhaustedException#toProblemDetail()} as Spring's {@code ProblemDetail}. */
    public static ProblemDetail of(RetryExhaustedException exhausted) {
        return toProblemDetail(exhausted.toProblemDetail());
    }

    /**
     * The response for {@code failure}: for a {@link RetryExhaustedException} (itself or the cause of a wrapper),
     * else for the conflict that {@link CasConflictException#findIn} finds in its chain; empty when there is
     * neither.
     */
    public static Optional<ResponseEntity<ProblemDetail>> response(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof RetryExhaustedException exhausted) {
                return Optional.of(response(exhausted));
            }
        }
        return CasConflictException.findIn(failure).map(CasProblemDetails::response);
    }

    /** The response for a conflict, with an {@code ETag} of the database's version when the conflict knows it. */
    public static ResponseEntity<ProblemDetail> response(CasConflictException conflict) {
        return response(of(conflict), conflict.getActualVersion());
    }

    /**
     * The response when {@code CasRetry} gave up: 409, with the {@code ETag} of the version the last attempt's
     * conflict found, if any.
     */
    public static ResponseEntity<ProblemDetail> response(RetryExhaustedException exhausted) {
        CasConflictException conflict = exhausted.getConflict();
        return response(of(exhausted), conflict == null ? null : conflict.getActualVersion());
    }

    private static ResponseEntity<ProblemDetail> response(ProblemDetail body, Object currentVersion) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(PROBLEM_JSON);
        if (currentVersion != null) {
            headers.setETag(IfMatch.etag(currentVersion));
        }
        return ResponseEntity.status(body.getStatus()).headers(headers).body(body);
    }

    static ProblemDetail toProblemDetail(Map<String, Object> members) {
        int status = ((Number) members.get("status")).intValue();
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatusCode.valueOf(status));
        members.forEach((name, value) -> {
            switch (name) {
                case "status" -> { }
                case "type" -> problem.setType(URI.create(String.valueOf(value)));
                case "title" -> problem.setTitle(String.valueOf(value));
                case "detail" -> problem.setDetail(String.valueOf(value));
                case "instance" -> problem.setInstance(URI.create(String.valueOf(value)));
                default -> problem.setProperty(name, value);
            }
        });
        return problem;
    }
}

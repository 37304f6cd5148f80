package io.hibernatecas.spring;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An {@code If-Match} header that cannot be used: malformed (400) or a tag that cannot be a version of the entity
 * (412). An {@link ErrorResponseException}, so Spring MVC answers it with its problem detail, type
 * {@code urn:hibernate-cas:problem:if-match}.
 */
public class IfMatchException extends ErrorResponseException {

    private static final long serialVersionUID = 1L;

    /** The problem {@code type} of both statuses. */
    public static final URI TYPE = URI.create("urn:hibernate-cas:problem:if-match");

    private IfMatchException(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(TYPE);
        problem.setTitle(title);
        return problem;
    }

    static IfMatchException badRequest(String detail) {
        return new IfMatchException(HttpStatus.BAD_REQUEST, "Malformed If-Match", detail);
    }

    static IfMatchException preconditionFailed(String detail) {
        return new IfMatchException(HttpStatus.PRECONDITION_FAILED, "Precondition failed", detail);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}

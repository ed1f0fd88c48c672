package org.truce.web.http;

import java.util.List;
import org.truce.domain.problem.Problem;

/**
 * An answer that is an RFC 9457 problem: raised by handlers and adapters for anything the client
 * must fix (or may retry), rendered by {@link ProblemJson}. {@code errors} names each field at fault.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final transient List<Problem> errors;

    public HttpProblem(int status, String title, String detail, List<Problem> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static HttpProblem badRequest(String field, String message) {
        return new HttpProblem(400, "Bad request", field + ": " + message, List.of(new Problem(field, message)));
    }

    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, "Not found", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem> errors() {
        return errors;
    }
}

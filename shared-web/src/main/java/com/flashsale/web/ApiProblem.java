package com.flashsale.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal with a reason, answered as RFC 9457 problem details: a stable {@code type} derived
 * from the reason, a readable {@code detail}, and the reason itself as a property.
 */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatusCode status, String reason, String detail) {
        super(status, Problems.of(status, reason, detail), null);
    }

    /** A {@code 400 VALIDATION_FAILED} naming one field. */
    public static ApiProblem invalidField(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    /** A {@code 400 VALIDATION_FAILED} naming every field that is wrong. */
    public static ApiProblem invalid(List<FieldProblem> fields) {
        ApiProblem problem =
                new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, Problems.describe(fields));
        problem.getBody().setProperty("errors", fields);
        return problem;
    }

    /** The reason this problem carries, e.g. {@code SALE_NOT_FOUND}. */
    public String reason() {
        return (String) getBody().getProperties().get("reason");
    }

    /** An expected answer, not a fault: no stack trace to fill on the hot path. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** One wrong field of a request and what is wrong with it. */
    public record FieldProblem(String field, String message) {}
}

package com.flashsale.catalog.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refusal with a reason, answered as RFC 9457 problem details. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String reason, String detail) {
        super(status, problem(status, reason, detail), null);
    }

    /** An expected answer, not a fault: no stack trace to fill on the hot path. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private static ProblemDetail problem(HttpStatus status, String reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(
                "https://flashsale.dev/problems/" + reason.toLowerCase().replace('_', '-')));
        problem.setProperty("reason", reason);
        return problem;
    }
}

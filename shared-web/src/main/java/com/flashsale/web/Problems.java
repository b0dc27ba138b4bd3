package com.flashsale.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The one place that says what a problem of this platform looks like. */
public final class Problems {

    /** Where every problem type of the platform lives; the reason, in kebab case, follows. */
    public static final String TYPE_BASE = "https://flashsale.dev/problems/";

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private Problems() {}

    /** A problem with its stable type, title, readable detail and reason. */
    public static ProblemDetail of(HttpStatusCode status, String reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeOf(reason));
        problem.setTitle(title(status));
        problem.setProperty("reason", reason);
        return problem;
    }

    /** The {@code type} URI of a reason: {@code SOLD_OUT} is {@code .../problems/sold-out}. */
    public static URI typeOf(String reason) {
        return URI.create(TYPE_BASE + reason.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error" : known.getReasonPhrase();
    }

    static String describe(List<ApiProblem.FieldProblem> fields) {
        return fields.stream()
                .map(f -> f.field() + ": " + f.message())
                .collect(Collectors.joining("; ", "Invalid request: ", "."));
    }
}

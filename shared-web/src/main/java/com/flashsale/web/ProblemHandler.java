package com.flashsale.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error a controller raises leaves as problem details of {@link Problems}: validation names the
 * fields, unreadable bodies say so, oversized bodies are 413, and anything unexpected is logged here
 * and answered 500 without a stack trace, SQL text or class name.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR, "An unexpected error occurred."));
    }

    /** Parameters checked by method validation ({@code @Validated} controllers): each named. */
    @ExceptionHandler(ConstraintViolationException.class)
    Mono<ResponseEntity<Object>> constraintViolation(ConstraintViolationException ex, ServerWebExchange exchange) {
        List<ApiProblem.FieldProblem> fields = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            String field = null;
            for (Path.Node node : violation.getPropertyPath()) {
                field = node.getName();
            }
            fields.add(new ApiProblem.FieldProblem(field == null ? "request" : field, message(violation.getMessage())));
        }
        return respond(ApiProblem.invalid(fields), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<ApiProblem.FieldProblem> fields = new ArrayList<>();
        for (FieldError error : ex.getFieldErrors()) {
            fields.add(new ApiProblem.FieldProblem(error.getField(), message(error.getDefaultMessage())));
        }
        ex.getGlobalErrors()
                .forEach(error -> fields.add(
                        new ApiProblem.FieldProblem(error.getObjectName(), message(error.getDefaultMessage()))));
        return respond(ApiProblem.invalid(fields), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            ServerWebExchange exchange) {
        List<ApiProblem.FieldProblem> fields = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> fields.add(new ApiProblem.FieldProblem(
                                result.getMethodParameter().getParameterName(), message(error.getDefaultMessage())))));
        return respond(ApiProblem.invalid(fields), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (hasCause(ex, DataBufferLimitException.class)) {
            return respond(
                    new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "CONTENT_TOO_LARGE", "The request body is too large."),
                    exchange);
        }
        if (ex instanceof MissingRequestValueException missing) {
            return respond(ApiProblem.invalidField(missing.getName(), "is required"), exchange);
        }
        if (ex.getMethodParameter() != null && hasCause(ex, TypeMismatchException.class)) {
            String name = ex.getMethodParameter().getParameterName();
            return respond(
                    ApiProblem.invalidField(name == null ? "parameter" : name, "has the wrong format"), exchange);
        }
        String field = mismatchedField(ex);
        if (field != null) {
            // A value of the wrong type ("stock": "many"): name the field, as a validation problem does.
            return respond(ApiProblem.invalidField(field, "has the wrong type or format"), exchange);
        }
        if (hasCause(ex, DecodingException.class) || ex.getMethodParameter() != null) {
            return respond(
                    new ApiProblem(
                            HttpStatus.BAD_REQUEST,
                            "MALFORMED_BODY",
                            "The request body is missing or is not valid JSON of the expected shape."),
                    exchange);
        }
        return respond(new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "The request cannot be read."), exchange);
    }

    /**
     * Every other framework answer (405, 406, 415, ...) keeps its status, gets the platform's type and
     * reason, and a detail that names no class.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (ex instanceof ApiProblem problem) {
            return super.handleExceptionInternal(
                    ex, instanceOf(problem.getBody(), exchange), headers, status, exchange);
        }
        String detail =
                ex instanceof ErrorResponse response && response.getBody().getDetail() != null
                        ? safe(response.getBody().getDetail())
                        : Problems.title(status) + ".";
        ProblemDetail problem = Problems.of(status, reasonOf(status), detail);
        return super.handleExceptionInternal(ex, instanceOf(problem, exchange), headers, status, exchange);
    }

    private Mono<ResponseEntity<Object>> respond(ApiProblem problem, ServerWebExchange exchange) {
        return handleExceptionInternal(
                problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(), exchange);
    }

    private static ProblemDetail instanceOf(ProblemDetail problem, ServerWebExchange exchange) {
        if (problem.getInstance() == null) {
            problem.setInstance(
                    java.net.URI.create(exchange.getRequest().getPath().value()));
        }
        return problem;
    }

    static String reasonOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP_" + status.value() : known.name();
    }

    /** A framework detail, unless it could name code: then only the status's own words. */
    private static String safe(String detail) {
        return detail.matches(".*([a-z]+\\.){2,}[A-Z].*|.*Exception.*") ? "The request cannot be served." : detail;
    }

    private static String message(String text) {
        return text == null ? "is invalid" : text;
    }

    /** The JSON path of the field a body's value could not be read into (e.g. {@code items[0].price}), or null. */
    private static String mismatchedField(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabindException mismatch && !mismatch.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : mismatch.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

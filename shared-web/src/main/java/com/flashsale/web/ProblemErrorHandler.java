package com.flashsale.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The last resort for errors no controller advice saw (unknown routes, filters, functional routes):
 * problem details of {@link Problems} instead of Boot's error attributes, never a stack trace.
 */
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (ex instanceof ApiProblem problem) {
            exchange.getResponse().getHeaders().addAll(problem.getHeaders());
            String detail = problem.getBody().getDetail();
            return ProblemJson.write(exchange, problem.getStatusCode(), problem.reason(), detail == null ? "" : detail);
        }
        if (ex instanceof ErrorResponse response) {
            HttpStatusCode status = response.getStatusCode();
            exchange.getResponse().getHeaders().addAll(response.getHeaders());
            String detail = status.value() == 404 ? "No such resource." : Problems.title(status) + ".";
            return ProblemJson.write(exchange, status, ProblemHandler.reasonOf(status), detail);
        }
        log.error("Unexpected error serving {}", exchange.getRequest().getPath(), ex);
        return ProblemJson.write(
                exchange, HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR, "An unexpected error occurred.");
    }
}

package com.flashsale.edge.purchase.web;

import com.flashsale.auth.Caller;
import com.flashsale.edge.purchase.PurchaseAdmissions;
import com.flashsale.edge.purchase.PurchaseUpdate;
import com.flashsale.edge.purchase.messaging.PurchaseRequestPublisher;
import com.flashsale.edge.security.Callers;
import com.flashsale.edge.web.EventLoops;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.Throttle;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.annotations.RouterOperation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/sales/{saleId}/purchases}: admits a purchase (202 once Kafka holds it) or
 * refuses it at once with a reason. The storm's route, so it is a functional route: no argument
 * resolution, reflection or content negotiation per request, and every answer, problems included,
 * is written here rather than raised and resolved.
 */
@Configuration
class PurchaseIntake {

    private static final Logger log = LoggerFactory.getLogger(PurchaseIntake.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");
    // The 503s that name no request (nothing was sent): one text each, for the answer and its documentation.
    private static final String UNITS_CLAIMED = "Every unit left is claimed by requests ahead of yours; nothing was"
            + " done. A unit they do not take comes back: retry in a second.";
    private static final String OVERLOADED =
            "Too many purchases are waiting for the queue at this moment; nothing was done. Retry in a second.";

    private final PurchaseAdmissions admissions;
    private final PurchaseRequestPublisher publisher;
    private final Clock clock;
    private final PurchaseTelemetry telemetry;

    PurchaseIntake(
            PurchaseAdmissions admissions,
            PurchaseRequestPublisher publisher,
            Clock clock,
            PurchaseTelemetry telemetry) {
        this.admissions = admissions;
        this.publisher = publisher;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    // Documentation only: springdoc reads these annotations when the document is asked for, never per request.
    @Bean
    @RouterOperation(
            path = "/api/sales/{saleId}/purchases",
            method = RequestMethod.POST,
            beanClass = PurchaseIntake.class,
            beanMethod = "purchase")
    RouterFunction<ServerResponse> purchaseRoute() {
        return RouterFunctions.route()
                .POST("/api/sales/{saleId}/purchases", this::purchase)
                .build();
    }

    @Operation(
            operationId = "purchase",
            tags = "Purchases",
            summary = "Buy one unit in a flash sale",
            description = "Checked at once against the sale's window, stock and the caller's earlier orders; when it"
                    + " passes it is queued (Kafka) and answered 202 with the request id, the place in the queue and"
                    + " an estimated wait. The outcome follows on the events stream or a poll. A body is ignored:"
                    + " the buyer is the token's account and the price is the sale's. A sale closed to everyone"
                    + " (sold out, cancelled, not open) is answered its 409 before a token this edge has not seen"
                    + " is checked, as the sale's state is public, unless the user the token names holds an order"
                    + " or a request under the key there (then the token is checked first). While the requests"
                    + " waiting for their outcome at this edge reach 1.5 per unit left, a new one is answered 503"
                    + " UNITS_CLAIMED with Retry-After, nothing sent: the units may all go to those ahead.",
            parameters = {
                @Parameter(
                        name = "saleId",
                        in = ParameterIn.PATH,
                        required = true,
                        schema = @Schema(type = "string", format = "uuid")),
                @Parameter(
                        name = "Idempotency-Key",
                        in = ParameterIn.HEADER,
                        description = "1 to 100 visible ASCII characters. A retry with the same key is the same"
                                + " request: its answer, never a second order.",
                        schema = @Schema(type = "string", example = "7d3c2a1e-buy-1"))
            },
            responses =
                    @ApiResponse(
                            responseCode = "202",
                            description = "Queued (or, for a retried key, the request's answer so far).",
                            content = @Content(schema = @Schema(implementation = PurchaseUpdate.class))))
    @ProblemResponse(status = 400, reason = "INVALID_SALE_ID", detail = "A sale id is a UUID.")
    @ProblemResponse(
            status = 400,
            reason = "INVALID_IDEMPOTENCY_KEY",
            detail = "Idempotency-Key must be 1 to 100 visible ASCII characters.")
    @ProblemResponse(status = 404, reason = "SALE_NOT_FOUND", detail = "No sale 3f0c6d3e-0000-4000-8000-000000000000.")
    @ProblemResponse(status = 409, reason = "SALE_NOT_ACTIVE", detail = "The sale is not open now.")
    @ProblemResponse(status = 409, reason = "SOLD_OUT", detail = "The sale is sold out.")
    @ProblemResponse(status = 409, reason = "ALREADY_PURCHASED", detail = "You already bought this sale's product.")
    @ProblemResponse(status = 409, reason = "SALE_CANCELLED", detail = "The sale was cancelled.")
    @ProblemResponse(status = 429, reason = "TOO_MANY_REQUESTS", detail = "Too many purchase requests; slow down.")
    @ProblemResponse(
            status = 429,
            reason = "TOO_MANY_IN_FLIGHT",
            detail = "Your earlier requests for this sale are still being queued; wait for their answer.")
    @ProblemResponse(
            status = 422,
            reason = "IDEMPOTENCY_KEY_REUSED",
            detail = "This Idempotency-Key was used for another sale.")
    @ProblemResponse(status = 503, reason = "UNITS_CLAIMED", detail = UNITS_CLAIMED)
    @ProblemResponse(status = 503, reason = "OVERLOADED", detail = OVERLOADED)
    @ProblemResponse(
            status = 503,
            reason = "OUTCOME_UNKNOWN",
            detail = "The queue did not confirm your request in time; it may still be processed."
                    + " Retry with the same Idempotency-Key.")
    Mono<ServerResponse> purchase(ServerRequest request) {
        try {
            return admit(request);
        } catch (RuntimeException e) {
            return answerFailure(e, request);
        }
    }

    /** A problem as its answer; anything else as a 500 without details (logged). */
    private Mono<ServerResponse> answerFailure(Throwable e, ServerRequest request) {
        if (e instanceof ApiProblem problem) {
            telemetry.answered(problem);
            return problem(problem, request);
        }
        log.error("Unexpected error admitting a purchase", e);
        ApiProblem internal =
                new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "An unexpected error occurred.");
        telemetry.answered(internal);
        return problem(internal, request);
    }

    private Mono<ServerResponse> admit(ServerRequest http) {
        long started = System.nanoTime();
        Callers.FirstSight firstSight = Callers.firstSight(http.exchange()).orElse(null);
        if (firstSight == null) {
            return admit(http, Callers.require(http.exchange()), started);
        }
        // A token never seen: a sale closed to everyone is refused before paying for its check.
        PurchaseAdmissions.Closed closed = closedToEveryone(http, firstSight.claimedUserId());
        if (closed != null && !closed.claimedHolds()) {
            return refused(admissions.refuse(closed));
        }
        Mono<ServerResponse> checked =
                firstSight.check().flatMap(caller -> Mono.defer(() -> admit(http, caller, started)));
        if (closed != null) {
            // The named user holds something here: only a proven caller hears of it, anybody else what all
            // are told (a 401 here would tell a forger that the user holds something).
            checked = checked.onErrorResume(
                    e -> e instanceof ApiProblem p && p.getStatusCode().value() == 401,
                    e -> refused(admissions.refuse(closed)));
        }
        return checked.onErrorResume(e -> answerFailure(e, http));
    }

    /** The sale's refusal to everyone, or null when it is open, unknown, or the request malformed (judged later). */
    private PurchaseAdmissions.Closed closedToEveryone(ServerRequest http, UUID claimedShopper) {
        UUID saleId;
        try {
            saleId = UUID.fromString(http.pathVariable("saleId"));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String idempotencyKey = http.headers().firstHeader("Idempotency-Key");
        if (!wellFormed(idempotencyKey)) {
            return null;
        }
        return admissions
                .closedToEveryone(claimedShopper, saleId, idempotencyKey, clock.instant())
                .orElse(null);
    }

    private Mono<ServerResponse> admit(ServerRequest http, Caller caller, long started) {
        // The window is judged now, on the edge's clock; this instant travels with the request.
        Instant now = clock.instant();
        UUID saleId = saleId(http.pathVariable("saleId"));
        String idempotencyKey = http.headers().firstHeader("Idempotency-Key");
        if (!wellFormed(idempotencyKey)) {
            admissions.refusedBeforeAdmission(saleId, "INVALID_IDEMPOTENCY_KEY");
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key must be 1 to 100 visible ASCII characters.");
        }
        PurchaseAdmissions.Admission admission = admissions.admit(caller.userId(), saleId, idempotencyKey, now);
        if (admission instanceof PurchaseAdmissions.Refused refused) {
            return refused(refused);
        }
        if (admission instanceof PurchaseAdmissions.AlreadyDecided decided) {
            telemetry.answeredAgain(decided.outcome());
            return accepted(PurchaseUpdate.of(decided.outcome()));
        }
        if (admission instanceof PurchaseAdmissions.TurnedAway away) {
            throw problemOf(away, saleId);
        }
        return send((PurchaseAdmissions.Admitted) admission, http, started);
    }

    /** No Idempotency-Key, or one of 1 to 100 visible ASCII characters. */
    private static boolean wellFormed(String idempotencyKey) {
        return idempotencyKey == null || IDEMPOTENCY_KEY.matcher(idempotencyKey).matches();
    }

    /** The storm's commonest answer: written from a template. */
    private Mono<ServerResponse> refused(PurchaseAdmissions.Refused refused) {
        telemetry.refused(refused.reason(), refused.saleId());
        return ServerResponse.status(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(Refusals.of(refused.reason(), refused.saleId()));
    }

    private Mono<ServerResponse> send(PurchaseAdmissions.Admitted admitted, ServerRequest http, long started) {
        UUID requestId = admitted.purchase().requestId();
        return Mono.defer(() ->
                        publisher.publish(admitted.purchase(), admitted.rehearsal(), EventLoops.of(http.exchange())))
                .doFinally(signal -> admitted.release())
                .map(ack -> {
                    telemetry.queued(started, admitted.purchase(), ack.partition(), ack.offset());
                    return admitted.queued(ack.partition(), ack.offset());
                })
                .flatMap(PurchaseIntake::accepted)
                .onErrorResume(e -> {
                    telemetry.producerFailed(e, admitted.purchase());
                    return problem(outcomeUnknown(requestId, e), http);
                });
    }

    private static ApiProblem problemOf(PurchaseAdmissions.TurnedAway away, UUID saleId) {
        return switch (away.why()) {
            case TOO_MANY_REQUESTS -> tooMany("TOO_MANY_REQUESTS", "Too many purchase requests; slow down.", away);
            case TOO_MANY_IN_FLIGHT ->
                tooMany(
                        "TOO_MANY_IN_FLIGHT",
                        "Your earlier requests for this sale are still being queued; wait for their answer.",
                        away);
            case SALE_NOT_FOUND -> new ApiProblem(HttpStatus.NOT_FOUND, "SALE_NOT_FOUND", "No sale " + saleId + ".");
            case IDEMPOTENCY_KEY_REUSED ->
                new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was used for another sale.");
            case OVERLOADED -> overloaded();
            case UNITS_CLAIMED -> unitsClaimed();
        };
    }

    private static Mono<ServerResponse> accepted(PurchaseUpdate update) {
        return ServerResponse.accepted()
                .location(URI.create("/api/purchases/" + update.requestId()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update);
    }

    private static UUID saleId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_SALE_ID", "A sale id is a UUID.");
        }
    }

    /** The problem as RFC 9457 JSON, with the request's path as its instance (as the controllers' problems have). */
    private static Mono<ServerResponse> problem(ApiProblem problem, ServerRequest request) {
        if (problem.getBody().getInstance() == null) {
            problem.getBody().setInstance(URI.create(request.path()));
        }
        return ServerResponse.status(problem.getStatusCode())
                .headers(headers -> headers.addAll(problem.getHeaders()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem.getBody());
    }

    private static ApiProblem tooMany(String reason, String detail, PurchaseAdmissions.TurnedAway away) {
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, reason, detail);
        problem.getHeaders().set("Retry-After", Long.toString(Throttle.retryAfterSeconds(away.retryAfter())));
        return problem;
    }

    private static ApiProblem overloaded() {
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "OVERLOADED", OVERLOADED);
        problem.getHeaders().set("Retry-After", "1");
        return problem;
    }

    private static ApiProblem unitsClaimed() {
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "UNITS_CLAIMED", UNITS_CLAIMED);
        problem.getHeaders().set("Retry-After", "1");
        return problem;
    }

    private static ApiProblem outcomeUnknown(UUID requestId, Throwable cause) {
        ApiProblem problem = new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "OUTCOME_UNKNOWN",
                cause instanceof TimeoutException
                        ? "The queue did not confirm your request in time; it may still be processed."
                                + " Retry with the same Idempotency-Key."
                        : "The queue is unavailable; your request may not have been recorded."
                                + " Retry with the same Idempotency-Key.");
        problem.getHeaders().set("Retry-After", "1");
        // The id a retry with the same key will have: the shopper can poll it, or retry.
        problem.getBody().setProperty("requestId", requestId);
        return problem;
    }
}

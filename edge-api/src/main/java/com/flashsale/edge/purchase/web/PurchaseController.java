package com.flashsale.edge.purchase.web;

import com.flashsale.auth.Caller;
import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.edge.purchase.OutcomeBook;
import com.flashsale.edge.purchase.PurchaseUpdate;
import com.flashsale.edge.purchase.RequestIds;
import com.flashsale.edge.purchase.WaitingPurchases;
import com.flashsale.edge.purchase.persistence.R2dbcPurchaseHistory;
import com.flashsale.edge.security.Callers;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Answers polls for a purchase's outcome (the purchase itself is {@link PurchaseIntake}). */
@RestController
@Tag(name = "Purchases", description = "Buying in a flash sale, and learning the outcome.")
class PurchaseController {

    private final OutcomeBook outcomes;
    private final WaitingPurchases waiting;
    private final R2dbcPurchaseHistory storedOutcomes;
    private final RequestIds requestIds;

    PurchaseController(
            OutcomeBook outcomes,
            WaitingPurchases waiting,
            R2dbcPurchaseHistory storedOutcomes,
            RequestIds requestIds) {
        this.outcomes = outcomes;
        this.waiting = waiting;
        this.storedOutcomes = storedOutcomes;
        this.requestIds = requestIds;
    }

    @GetMapping("/api/purchases/{requestId}")
    @Operation(
            summary = "Poll a purchase request",
            description = "QUEUED until decided, then CONFIRMED or REJECTED with a reason; durable across restarts."
                    + " Only its owner sees it: anyone else gets 404.")
    @ProblemResponse(
            status = 404,
            reason = "PURCHASE_NOT_FOUND",
            detail = "No purchase request 3f0c6d3e-0000-4000-8000-000000000000.")
    Mono<PurchaseUpdate> poll(@PathVariable UUID requestId, ServerWebExchange exchange) {
        Caller caller = Callers.require(exchange);
        Mono<PurchaseDecided> decided =
                Mono.justOrEmpty(outcomes.find(requestId)).switchIfEmpty(storedOutcomes.find(requestId));
        return decided.map(outcome -> {
                    if (!outcome.userId().equals(caller.userId())) {
                        throw notFound(requestId);
                    }
                    return PurchaseUpdate.of(outcome);
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    // Not decided yet: only its owner may learn that it is queued.
                    if (!requestIds.isOwnedBy(requestId, caller.userId())) {
                        throw notFound(requestId);
                    }
                    return PurchaseUpdate.queued(
                            requestId, waiting.saleOf(requestId).orElse(null), null);
                }));
    }

    private static ApiProblem notFound(UUID requestId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "PURCHASE_NOT_FOUND", "No purchase request " + requestId + ".");
    }
}

package com.flashsale.edge.purchase.web;

import com.flashsale.auth.Caller;
import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.edge.purchase.OutcomeBook;
import com.flashsale.edge.purchase.PurchaseAdmission;
import com.flashsale.edge.purchase.PurchaseUpdate;
import com.flashsale.edge.purchase.QueuePosition;
import com.flashsale.edge.purchase.QueueProgress;
import com.flashsale.edge.purchase.RequestIds;
import com.flashsale.edge.purchase.ShopperChannels;
import com.flashsale.edge.purchase.messaging.PurchaseRequestPublisher;
import com.flashsale.edge.purchase.persistence.R2dbcPurchaseOutcomes;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.security.Callers;
import com.flashsale.edge.web.ApiProblem;
import com.flashsale.edge.web.EventLoops;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Admits purchases (202 once Kafka holds them) and answers polls for their outcome. */
@RestController
class PurchaseController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final SaleDirectory sales;
    private final OutcomeBook outcomes;
    private final ShopperChannels channels;
    private final QueueProgress queue;
    private final R2dbcPurchaseOutcomes storedOutcomes;
    private final RequestIds requestIds;
    private final PurchaseRequestPublisher publisher;
    private final Clock clock;

    PurchaseController(
            SaleDirectory sales,
            OutcomeBook outcomes,
            ShopperChannels channels,
            QueueProgress queue,
            R2dbcPurchaseOutcomes storedOutcomes,
            RequestIds requestIds,
            PurchaseRequestPublisher publisher,
            Clock clock) {
        this.sales = sales;
        this.outcomes = outcomes;
        this.channels = channels;
        this.queue = queue;
        this.storedOutcomes = storedOutcomes;
        this.requestIds = requestIds;
        this.publisher = publisher;
        this.clock = clock;
    }

    @PostMapping("/api/sales/{saleId}/purchases")
    Mono<ResponseEntity<?>> purchase(
            @PathVariable UUID saleId,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            ServerWebExchange exchange) {
        Caller caller = Callers.require(exchange);
        // The window is judged here, now, on the edge's clock; this instant travels with the request.
        Instant now = clock.instant();
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key must be 1 to 100 visible ASCII characters.");
        }
        SaleDefined sale = sales.find(saleId)
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "SALE_NOT_FOUND", "No sale " + saleId + "."));
        UUID requestId = null;
        if (idempotencyKey != null) {
            // A key may name a request made before: its answer comes first, whatever the sale is now.
            requestId = requestIds.derive(caller.userId(), idempotencyKey);
            UUID boundSale = outcomes.saleOf(requestId).orElse(saleId);
            if (!boundSale.equals(saleId)) {
                throw new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was used for another sale.");
            }
            PurchaseDecided known = outcomes.find(requestId).orElse(null);
            if (known != null) {
                // A retry of a request already decided: the same answer, never a second order.
                return Mono.just(accepted(PurchaseUpdate.of(known)));
            }
        }
        RejectionReason refusal = PurchaseAdmission.refusal(
                sale, now, sales.remaining(saleId), outcomes.hasBought(saleId, caller.userId()));
        if (refusal != null) {
            // The storm's commonest answer: written directly, not raised and resolved as an exception.
            return Mono.just(Refusals.of(refusal, saleId));
        }
        if (requestId == null) {
            requestId = requestIds.fresh(caller.userId());
        }
        UUID admittedId = requestId;
        PurchaseRequested request =
                new PurchaseRequested(PurchaseRequested.VERSION, admittedId, saleId, caller.userId(), now);
        return publisher
                .publish(request, EventLoops.of(exchange))
                .<ResponseEntity<?>>map(ack -> {
                    outcomes.admitted(admittedId, saleId);
                    PurchaseUpdate queued = queued(request, ack);
                    channels.publish(caller.userId(), queued);
                    return accepted(queued);
                })
                .onErrorMap(e -> !(e instanceof ApiProblem), e -> outcomeUnknown(admittedId, e));
    }

    @GetMapping("/api/purchases/{requestId}")
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
                            requestId, outcomes.saleOf(requestId).orElse(null), null);
                }));
    }

    private PurchaseUpdate queued(PurchaseRequested request, RecordMetadata ack) {
        QueuePosition position = queue.positionOf(ack.partition(), ack.offset());
        return PurchaseUpdate.queued(request.requestId(), request.saleId(), position);
    }

    private static ResponseEntity<PurchaseUpdate> accepted(PurchaseUpdate update) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/purchases/" + update.requestId()))
                .body(update);
    }

    private static ApiProblem notFound(UUID requestId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "PURCHASE_NOT_FOUND", "No purchase request " + requestId + ".");
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

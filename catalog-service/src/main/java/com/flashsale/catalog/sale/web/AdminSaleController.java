package com.flashsale.catalog.sale.web;

import com.flashsale.catalog.Transactions;
import com.flashsale.catalog.product.Products;
import com.flashsale.catalog.sale.FlashSale;
import com.flashsale.catalog.sale.FlashSales;
import com.flashsale.catalog.sale.SaleAdministration;
import com.flashsale.catalog.sale.SaleChange;
import com.flashsale.catalog.sale.SaleDraft;
import com.flashsale.catalog.sale.messaging.SalePublisher;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The admin routes for flash sales: list, read, create, change, cancel; every change is published. */
@RestController
@RequestMapping("/api/admin/sales")
@Tag(
        name = "Admin: sales",
        description = "Flash sales as the catalogue holds them (shoppers read them from /api/sales).")
class AdminSaleController {

    private final FlashSales sales;
    private final SaleAdministration administration;
    private final SalePublisher publisher;

    AdminSaleController(FlashSales sales, Products products, Transactions tx, SalePublisher publisher, Clock clock) {
        this.sales = sales;
        this.administration = new SaleAdministration(sales, products, tx, clock);
        this.publisher = publisher;
    }

    @GetMapping
    @Operation(summary = "Every sale")
    Flux<FlashSale> list() {
        return sales.all();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One sale")
    @ProblemResponse(status = 404, reason = "SALE_NOT_FOUND", detail = "No sale 3f0c6d3e-0000-4000-8000-000000000000.")
    Mono<FlashSale> one(@PathVariable UUID id) {
        return sales.findById(id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    @PostMapping
    @Operation(
            summary = "Create a sale",
            description = "Every service learns it within a second (topic flashsale.sales.v1). Each wrong field"
                    + " is a 400 naming it; the sale price must be below the product's list price.")
    Mono<ResponseEntity<FlashSale>> create(@RequestBody SaleRequest request) {
        return administration.define(request.draft()).flatMap(change -> answer(change, null, HttpStatus.CREATED));
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Change a sale",
            description = "Product, window, stock and price; never below the units sold, never once it has ended.")
    @ProblemResponse(status = 404, reason = "SALE_NOT_FOUND", detail = "No sale 3f0c6d3e-0000-4000-8000-000000000000.")
    @ProblemResponse(
            status = 409,
            reason = "SALE_ENDED",
            detail = "Sale 3f0c6d3e has ended: it can no longer be changed.")
    Mono<ResponseEntity<FlashSale>> update(@PathVariable UUID id, @RequestBody SaleRequest request) {
        return administration.redefine(id, request.draft()).flatMap(change -> answer(change, id, HttpStatus.OK));
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel a sale",
            description = "Refused at the edge at once (409 SALE_CANCELLED); queued requests are rejected with it.")
    @ProblemResponse(status = 404, reason = "SALE_NOT_FOUND", detail = "No sale 3f0c6d3e-0000-4000-8000-000000000000.")
    @ProblemResponse(
            status = 409,
            reason = "SALE_CANCELLED",
            detail = "Sale 3f0c6d3e was cancelled: it can no longer be changed.")
    Mono<ResponseEntity<FlashSale>> cancel(@PathVariable UUID id) {
        return administration.cancel(id).flatMap(change -> answer(change, id, HttpStatus.OK));
    }

    private Mono<ResponseEntity<FlashSale>> answer(SaleChange change, UUID id, HttpStatus done) {
        if (change instanceof SaleChange.Done saved) {
            // Committed; if Kafka is slow the scheduled re-publication delivers it.
            return publisher
                    .publish(saved.sale())
                    .timeout(Duration.ofSeconds(5))
                    .onErrorReturn(saved.sale())
                    .map(published -> ResponseEntity.status(done).body(published));
        }
        if (change instanceof SaleChange.Invalid invalid) {
            return Mono.error(ApiProblem.invalid(invalid.violations().stream()
                    .map(v -> new ApiProblem.FieldProblem(v.field(), v.message()))
                    .toList()));
        }
        if (change instanceof SaleChange.Over over) {
            return Mono.error(
                    over.sale().cancelledAt() != null
                            ? new ApiProblem(
                                    HttpStatus.CONFLICT,
                                    "SALE_CANCELLED",
                                    "Sale " + id + " was cancelled: it can no longer be changed.")
                            : new ApiProblem(
                                    HttpStatus.CONFLICT,
                                    "SALE_ENDED",
                                    "Sale " + id + " has ended: it can no longer be changed."));
        }
        return Mono.error(notFound(id));
    }

    private static ApiProblem notFound(UUID id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "SALE_NOT_FOUND", "No sale " + id + ".");
    }

    /** A sale as an admin sends it; every field is checked by the sale rules. */
    record SaleRequest(UUID productId, BigDecimal price, Integer stock, Instant startsAt, Instant endsAt) {
        SaleDraft draft() {
            return new SaleDraft(productId, price, stock, startsAt, endsAt);
        }
    }
}

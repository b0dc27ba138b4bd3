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
    Flux<FlashSale> list() {
        return sales.all();
    }

    @GetMapping("/{id}")
    Mono<FlashSale> one(@PathVariable UUID id) {
        return sales.findById(id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    @PostMapping
    Mono<ResponseEntity<FlashSale>> create(@RequestBody SaleRequest request) {
        return administration.define(request.draft()).flatMap(change -> answer(change, null, HttpStatus.CREATED));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<FlashSale>> update(@PathVariable UUID id, @RequestBody SaleRequest request) {
        return administration.redefine(id, request.draft()).flatMap(change -> answer(change, id, HttpStatus.OK));
    }

    @PostMapping("/{id}/cancel")
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

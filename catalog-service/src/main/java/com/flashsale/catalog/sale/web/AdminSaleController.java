package com.flashsale.catalog.sale.web;

import com.flashsale.catalog.product.Products;
import com.flashsale.catalog.sale.FlashSale;
import com.flashsale.catalog.sale.FlashSales;
import com.flashsale.catalog.sale.SaleDefinition;
import com.flashsale.catalog.sale.messaging.SalePublisher;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The admin routes for flash sales: list, read, create. */
@RestController
@RequestMapping("/api/admin/sales")
@Tag(
        name = "Admin: sales",
        description = "Flash sales as the catalogue holds them (shoppers read them from /api/sales).")
class AdminSaleController {

    private final FlashSales sales;
    private final Products products;
    private final SalePublisher publisher;
    private final Clock clock;

    AdminSaleController(FlashSales sales, Products products, SalePublisher publisher, Clock clock) {
        this.sales = sales;
        this.products = products;
        this.publisher = publisher;
        this.clock = clock;
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
        return sales.findById(id)
                .switchIfEmpty(Mono.error(
                        () -> new ApiProblem(HttpStatus.NOT_FOUND, "SALE_NOT_FOUND", "No sale " + id + ".")));
    }

    @PostMapping
    @Operation(
            summary = "Create a sale",
            description = "Every service learns it within a second (topic flashsale.sales.v1).")
    @ProblemResponse(status = 400, reason = "INVALID_SALE", detail = "the end must be after the start")
    @ProblemResponse(
            status = 422,
            reason = "PRODUCT_NOT_FOUND",
            detail = "No product 3f0c6d3e-0000-4000-8000-000000000000.")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<FlashSale> create(@Valid @RequestBody NewSale request) {
        List<String> problems = SaleDefinition.problems(
                request.price(), request.stock(), request.startsAt(), request.endsAt(), clock.instant());
        if (!problems.isEmpty()) {
            return Mono.error(new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_SALE", String.join("; ", problems)));
        }
        return products.findById(request.productId())
                .switchIfEmpty(Mono.error(() -> new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "PRODUCT_NOT_FOUND",
                        "No product " + request.productId() + ".")))
                .flatMap(product -> sales.add(new FlashSale(
                        UUID.randomUUID(),
                        product.id(),
                        product.name(),
                        request.price(),
                        product.currency(),
                        request.stock(),
                        // Milliseconds: every copy of the window (databases, messages) holds it exactly.
                        request.startsAt().truncatedTo(ChronoUnit.MILLIS),
                        request.endsAt().truncatedTo(ChronoUnit.MILLIS),
                        1)))
                // The sale is committed; if Kafka is slow the scheduled re-publication delivers it.
                .flatMap(sale ->
                        publisher.publish(sale).timeout(Duration.ofSeconds(5)).onErrorReturn(sale));
    }

    record NewSale(
            @NotNull UUID productId,

            @Schema(example = "9.99") @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
            BigDecimal price,

            @Schema(example = "100") int stock,

            @Schema(example = "2026-12-24T10:00:00Z") @NotNull
            Instant startsAt,

            @Schema(example = "2026-12-24T11:00:00Z") @NotNull
            Instant endsAt) {}
}

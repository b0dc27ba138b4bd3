package com.flashsale.catalog.product.web;

import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.Products;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.Access;
import com.flashsale.web.docs.Audience;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public catalogue, paged, and the admin route that adds to it. */
@RestController
@Validated
@Tag(name = "Catalogue", description = "Products: public reading, admin changes.")
class ProductController {

    private final Products products;

    ProductController(Products products) {
        this.products = products;
    }

    @GetMapping("/api/products")
    @Access(Audience.ANYONE)
    @Operation(summary = "The catalogue, a page at a time")
    Mono<ProductPage> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return Mono.zip(products.page(page, size).collectList(), products.count())
                .map(t -> new ProductPage(t.getT1(), page, size, t.getT2()));
    }

    @GetMapping("/api/products/{id}")
    @Access(Audience.ANYONE)
    @Operation(summary = "One product")
    @ProblemResponse(
            status = 404,
            reason = "PRODUCT_NOT_FOUND",
            detail = "No product 3f0c6d3e-0000-4000-8000-000000000000.")
    Mono<Product> one(@PathVariable UUID id) {
        return products.findById(id)
                .switchIfEmpty(Mono.error(
                        () -> new ApiProblem(HttpStatus.NOT_FOUND, "PRODUCT_NOT_FOUND", "No product " + id + ".")));
    }

    @PostMapping("/api/admin/products")
    @Operation(summary = "Add a product")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Product> add(@Valid @RequestBody NewProduct request) {
        return products.add(new Product(
                UUID.randomUUID(),
                request.name().strip(),
                request.description() == null ? "" : request.description().strip(),
                request.listPrice(),
                request.currency(),
                null));
    }

    record ProductPage(List<Product> items, int page, int size, long total) {}

    record NewProduct(
            @Schema(example = "Espresso machine") @NotBlank @Size(max = 200)
            String name,

            @Schema(example = "15 bar, stainless steel.") @Size(max = 5000)
            String description,

            @Schema(example = "249.00") @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
            BigDecimal listPrice,

            @Schema(example = "EUR") @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR")
            String currency) {}
}
